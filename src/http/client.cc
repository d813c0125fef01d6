#include "http/client.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace gongshu {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

Result<ClientResponse> SendHttp(const std::string& method, const std::string& url,
                                const std::string& body, const std::string& content_type,
                                std::chrono::milliseconds timeout) {
  constexpr std::string_view kScheme = "http://";
  if (url.rfind(kScheme, 0) != 0) {
    return Status::InvalidArgument("only http:// URLs are supported: " + url);
  }
  std::string rest = url.substr(kScheme.size());
  size_t slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  std::string target = slash == std::string::npos ? "/" : rest.substr(slash);
  std::string host = authority;
  std::string port = "80";
  size_t colon = authority.rfind(':');
  if (colon != std::string::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return Status::InvalidArgument("no host in " + url);
  asio::io_context io;
  beast::tcp_stream stream(io);
  boost::system::error_code error;
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(host, port, error);
  if (error) return Status::Unavailable("cannot resolve " + host + ": " + error.message());
  stream.expires_after(timeout);
  stream.connect(endpoints, error);
  if (error) return Status::Unavailable("cannot connect to " + authority + ": " + error.message());
  http::request<http::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(http::field::host, authority);
  request.set(http::field::user_agent, "gongshu");
  if (!content_type.empty()) request.set(http::field::content_type, content_type);
  request.body() = body;
  request.prepare_payload();
  http::write(stream, request, error);
  if (error) return Status::Unavailable("cannot send to " + authority + ": " + error.message());
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(16 * 1024 * 1024);
  http::read(stream, buffer, parser, error);
  if (error) return Status::Unavailable("no answer from " + authority + ": " + error.message());
  ClientResponse response;
  response.status = static_cast<int>(parser.get().result_int());
  response.content_type = std::string(parser.get()[http::field::content_type]);
  response.body = parser.get().body();
  stream.socket().shutdown(tcp::socket::shutdown_both, error);
  return response;
}

}  // namespace gongshu
