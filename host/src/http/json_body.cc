#include "http/json_body.h"

namespace sentinel {
namespace {

// Counts nesting with a SAX pass first, so that nothing deep is ever built.
class DepthChecker : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return ++depth_ <= kMaxJsonDepth; }
  bool key(string_t&) override { return true; }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override { return ++depth_ <= kMaxJsonDepth; }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    error_position_ = position;
    error_ = ex.what();
    return false;
  }
  int depth() const { return depth_; }
  const std::string& error() const { return error_; }

 private:
  int depth_ = 0;
  std::size_t error_position_ = 0;
  std::string error_;
};

}  // namespace

Status ParseJsonBody(std::string_view body, nlohmann::json* out) {
  if (body.empty()) return Status::InvalidArgument("request body is empty; expected JSON");
  DepthChecker checker;
  bool ok = nlohmann::json::sax_parse(body.begin(), body.end(), &checker);
  if (!ok) {
    if (!checker.error().empty()) {
      // nlohmann's message ends with "; last read: '<input>'": cut it, error texts never quote the input.
      std::string message = checker.error();
      size_t cut = message.find("; last read");
      if (cut != std::string::npos) message.resize(cut);
      return Status::InvalidArgument("malformed JSON: " + message);
    }
    return Status::InvalidArgument("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  }
  *out = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (out->is_discarded()) return Status::InvalidArgument("malformed JSON");
  return Status::OK();
}

}  // namespace sentinel
