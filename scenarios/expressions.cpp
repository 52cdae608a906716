#include "scenarios/expressions.h"

#include <muParser.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <optional>
#include <string>

#include "scenarios/limits.h"

namespace scenarios {

struct Expression::Impl {
  std::string text;
  std::optional<mu::Parser> parser;  // absent for a single name, whose value is its own
  std::vector<std::string> names;
  std::deque<double> storage;  // stable addresses for muParser's variables

  static double* make_variable(const char* name, void* user) {
    auto* self = static_cast<Impl*>(user);
    self->names.emplace_back(name);
    return &self->storage.emplace_back(0.0);
  }
};

namespace {

// muParser's message without its 0-based " at position N" (the column says where).
std::string plain_message(std::string message) {
  if (auto at = message.rfind(" at position "); at != std::string::npos) message.erase(at);
  if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
  return message;
}

// Positions past the end (an unexpected end, a missing parenthesis) point at the last character.
int clamp_position(int position, std::string_view text) {
  int last = std::max(0, static_cast<int>(text.size()) - 1);
  return std::clamp(position, 0, last);
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// A parser with muParser's functions, operators and constants defined, as
// Parser() defines them: copying it costs a fraction of constructing one.
// One per thread, so that threads compiling at once share nothing.
const mu::Parser& prototype() {
  thread_local const mu::Parser parser;
  return parser;
}

// True when muParser reads `text` as one variable and nothing else: a name
// (its letters, digits and _, not starting with a digit) that is not one of
// its constants (_pi, _e). A function's name without brackets is a variable.
bool is_single_name(std::string_view text) {
  auto name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  if (text.empty() || (text[0] >= '0' && text[0] <= '9')) return false;
  if (!std::all_of(text.begin(), text.end(), name_char)) return false;
  return !prototype().GetConst().contains(std::string(text));
}

}  // namespace

std::string describe_error(std::string_view text, const ExpressionError& e) {
  std::string shown =
      text.size() > 60 ? std::string(text.substr(0, 57)) + "..." : std::string(text);
  return "bad expression \"" + shown + "\": " + e.message;
}

std::size_t position_of_name(std::string_view text, std::string_view name) {
  for (std::size_t at = text.find(name); at != std::string_view::npos;
       at = text.find(name, at + 1)) {
    bool starts = at == 0 || !is_name_char(text[at - 1]);
    bool ends = at + name.size() == text.size() || !is_name_char(text[at + name.size()]);
    if (starts && ends) return at;
  }
  return 0;
}

Expression::Expression(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;
Expression::~Expression() = default;

std::variant<Expression, ExpressionError> Expression::compile(std::string_view text) {
  if (text.size() > kMaxExpressionLength)
    return ExpressionError{
        "longer than " + std::to_string(kMaxExpressionLength) + " characters (the limit)",
        static_cast<int>(kMaxExpressionLength)};
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
    if (depth > kMaxExpressionNesting)
      return ExpressionError{"parentheses nested more than " +
                                 std::to_string(kMaxExpressionNesting) + " deep (the limit)",
                             static_cast<int>(i)};
  }
  auto impl = std::make_unique<Impl>();
  impl->text = std::string(text);
  if (scenarios::is_single_name(text)) {  // most expressions: as muParser would, without parsing
    Impl::make_variable(impl->text.c_str(), impl.get());
    return Expression(std::move(impl));
  }
  mu::Parser& parser = impl->parser.emplace(prototype());
  try {
    // Evaluated as written (SPEC 3.1: what an expression gives enters the
    // calculation): muParser's optimiser would rewrite 0.0125 * (1 + x) as
    // 0.0125 * x + 0.0125, whose double can differ in the last place. (A
    // copied parser has the optimiser on again.)
    parser.EnableOptimizer(false);
    parser.SetVarFactory(&Impl::make_variable, impl.get());
    parser.SetExpr(impl->text);
    // Parses, creating a variable for every name used in order of first use,
    // then evaluates, reporting errors that only evaluation finds.
    parser.Eval();
  } catch (const mu::Parser::exception_type& e) {
    return ExpressionError{plain_message(e.GetMsg()), clamp_position(e.GetPos(), text)};
  }
  if (parser.GetNumResults() > 1)
    return ExpressionError{
        "a comma separates two values; write amounts inside expressions without thousands "
        "separators",
        static_cast<int>(text.find(','))};
  return Expression(std::move(impl));
}

const std::string& Expression::text() const {
  return impl_->text;
}

bool Expression::is_single_name() const {
  return !impl_->parser;
}

const std::vector<std::string>& Expression::names() const {
  return impl_->names;
}

double Expression::evaluate(std::span<const double> values) const {
  for (std::size_t i = 0; i < values.size() && i < impl_->storage.size(); ++i)
    impl_->storage[i] = values[i];
  if (!impl_->parser) return impl_->storage.front();
  try {
    return impl_->parser->Eval();
  } catch (const mu::Parser::exception_type&) {
    return std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace scenarios
