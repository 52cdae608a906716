#include "scenarios/expressions.h"

#include <muParser.h>

#include <deque>

namespace scenarios {

struct Expression::Impl {
  std::string text;
  mu::Parser parser;
  std::vector<std::string> names;
  std::deque<double> storage;  // stable addresses for muParser's variables

  static double* make_variable(const char* name, void* user) {
    auto* self = static_cast<Impl*>(user);
    self->names.emplace_back(name);
    return &self->storage.emplace_back(0.0);
  }
};

Expression::Expression(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;
Expression::~Expression() = default;

std::variant<Expression, ExpressionError> Expression::compile(std::string_view text) {
  auto impl = std::make_unique<Impl>();
  impl->text = std::string(text);
  try {
    impl->parser.SetVarFactory(&Impl::make_variable, impl.get());
    impl->parser.SetExpr(impl->text);
    impl->parser.GetUsedVar();  // parses, creating a variable for every name used
    impl->parser.Eval();        // reports errors that only evaluation finds
  } catch (const mu::Parser::exception_type& e) {
    return ExpressionError{e.GetMsg(), std::max(0, e.GetPos())};
  }
  return Expression(std::move(impl));
}

const std::string& Expression::text() const {
  return impl_->text;
}

const std::vector<std::string>& Expression::names() const {
  return impl_->names;
}

double Expression::evaluate(std::span<const double> values) const {
  for (std::size_t i = 0; i < values.size() && i < impl_->storage.size(); ++i)
    impl_->storage[i] = values[i];
  try {
    return impl_->parser.Eval();
  } catch (const mu::Parser::exception_type&) {
    return std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace scenarios
