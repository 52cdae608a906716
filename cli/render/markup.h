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

// Text for a Markdown table cell, caption or heading, shown as written: a
// backslash before each character that GitHub-flavoured Markdown or pandoc
// would read as markup (\ ` * [ ] < > | ~ & $, and _ but inside a word),
// so a name holding "\|"
// cannot shift a row, nor "*x*", "<b>" or "[a](b)" format it; a line
// break as a space.
std::string escape_markdown(std::string_view text);

// The text with each character XML 1.0 cannot hold as U+FFFD, nothing
// escaped: for writers that escape themselves (libxlsxwriter).
std::string xml_characters(std::string_view text);

}  // namespace cli
