// Infix expressions over named numbers (+ - * / ^, parentheses, min, max),
// compiled once by muParser and evaluated as often as needed.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace scenarios {

struct ExpressionError {
  std::string message;
  int position = 0;  // 0-based offset into the expression text
};

// 'bad expression "TEXT": MESSAGE', the text cut to 60 characters when longer.
std::string describe_error(std::string_view text, const ExpressionError& e);

// Where `name` stands in `text` as a whole word (0 when it does not).
std::size_t position_of_name(std::string_view text, std::string_view name);

class Expression {
 public:
  // The compiled expression, or what is wrong with its syntax.
  static std::variant<Expression, ExpressionError> compile(std::string_view text);

  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;
  ~Expression();

  const std::string& text() const;
  // The names the expression uses, in order of first use.
  const std::vector<std::string>& names() const;
  // Whether the expression is one name alone: its value is that name's.
  bool is_single_name() const;
  // The value with names()[i] bound to values[i]. May be infinite or NaN
  // (division by zero): callers check. Not safe to call from two threads at once.
  double evaluate(std::span<const double> values) const;

 private:
  struct Impl;
  explicit Expression(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace scenarios
