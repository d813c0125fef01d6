#include "http_client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace gongshu::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Reads one response; bytes past it stay in `buffer` for the next one (pipelining).
// `head_request`: the response answers HEAD, so it has no body whatever its Content-Length says.
HttpResult ReadResponse(beast::tcp_stream& stream, beast::flat_buffer& buffer,
                        bool head_request = false) {
  HttpResult result;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.eager(true);
  parser.skip(head_request);
  boost::system::error_code error;
  http::read(stream, buffer, parser, error);
  if (error && !parser.is_header_done()) return result;
  const auto& message = parser.get();
  result.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (char& symbol : name) symbol = static_cast<char>(std::tolower(symbol));
    result.headers[name] = std::string(field.value());
  }
  result.body = message.body();
  return result;
}

// Sets the 30-second expiry on `stream` and connects it to 127.0.0.1:`port`; false on failure.
bool ConnectLocal(beast::tcp_stream& stream, uint16_t port) {
  boost::system::error_code error;
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), error);
  return !error;
}

}  // namespace

HttpResult Send(uint16_t port, const std::string& method, const std::string& target,
                const Headers& headers, const std::string& body) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  if (!ConnectLocal(stream, port)) return {};
  http::request<http::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
    request.prepare_payload();
  }
  boost::system::error_code error;
  http::write(stream, request, error);
  if (error) return {};
  beast::flat_buffer buffer;
  return ReadResponse(stream, buffer, method == "HEAD");
}

HttpResult SendRaw(uint16_t port, const std::string& bytes) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  if (!ConnectLocal(stream, port)) return {};
  boost::system::error_code error;
  asio::write(stream, asio::buffer(bytes), error);
  if (error) return {};
  beast::flat_buffer buffer;
  return ReadResponse(stream, buffer);
}

struct RawConnection::State {
  asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  bool connected = false;
};

RawConnection::RawConnection(uint16_t port) : state_(std::make_unique<State>()) {
  state_->connected = ConnectLocal(state_->stream, port);
}

RawConnection::~RawConnection() = default;

bool RawConnection::Write(const std::string& bytes) {
  if (!state_->connected) return false;
  boost::system::error_code error;
  asio::write(state_->stream, asio::buffer(bytes), error);
  return !error;
}

HttpResult RawConnection::Read() {
  if (!state_->connected) return {};
  return ReadResponse(state_->stream, state_->buffer);
}

std::string RawConnection::ReadHead() {
  std::string head;
  boost::system::error_code error;
  char byte = 0;
  while (state_->connected && head.find("\r\n\r\n") == std::string::npos) {
    if (asio::read(state_->stream, asio::buffer(&byte, 1), error) != 1) break;
    head.push_back(byte);
  }
  return head;
}

bool ServerClosesWithin(uint16_t port, const std::string& bytes, int seconds) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  boost::system::error_code error;
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), error);
  if (error) return false;
  if (!bytes.empty()) asio::write(stream, asio::buffer(bytes), error);
  stream.expires_after(std::chrono::seconds(seconds));
  char scratch[256];
  for (;;) {
    stream.read_some(asio::buffer(scratch), error);
    if (error == asio::error::eof || error == asio::error::connection_reset) return true;
    if (error) return false;  // the deadline passed with the connection still open
  }
}

bool CanConnect(uint16_t port) {
  asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code error;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), error);
  return !error;
}

}  // namespace gongshu::testing
