// Text for XML and HTML: the five characters that markup reserves, escaped.
#pragma once

#include <string>
#include <string_view>

namespace cli {

// & < > " ' as &amp; &lt; &gt; &quot; &#39;; a character XML 1.0 cannot
// hold (a control character other than tab, line feed and carriage return,
// U+FFFE or U+FFFF) as U+FFFD, the replacement character; everything else
// as it is. Precondition: text is UTF-8 (scenarios are checked on reading).
std::string escape_markup(std::string_view text);

// The text with each character XML 1.0 cannot hold as U+FFFD, nothing
// escaped: for writers that escape themselves (libxlsxwriter).
std::string xml_characters(std::string_view text);

}  // namespace cli
