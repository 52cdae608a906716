// Text for XML and HTML: the five characters that markup reserves, escaped.
#pragma once

#include <string>
#include <string_view>

namespace cli {

// & < > " ' as &amp; &lt; &gt; &quot; &#39;; everything else as it is.
std::string escape_markup(std::string_view text);

}  // namespace cli
