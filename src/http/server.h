// HttpServer: HTTP/1.1 on Boost.Asio/Beast (server.cc and client.cc are the only Beast users).
//
// One io_context run by `threads` threads; keep-alive; limits on header size and body size;
// a timeout to wait for a request on an idle connection and a timeout to read a request once it
// has started. Errors in the bytes on the wire (a malformed request, a body over the limit, a
// header too large) are answered with problem+json and the connection is closed.
//
// Shutdown is graceful: Stop() (or SIGINT/SIGTERM when handled) closes the listening socket so
// new connections are refused, lets requests already being handled finish and answer (with
// Connection: close), then returns from Run(). Connections idle between requests are closed.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "http/message.h"

namespace gongshu {

class AccessLog;
class Metrics;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port
  int threads = 0;       // 0: one per core
  size_t header_limit_bytes = 16 * 1024;
  size_t body_limit_bytes = 1024 * 1024;
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};
  std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds drain_timeout{std::chrono::seconds(20)};
  // Uploads: a request that carries credentials (an Authorization or Cookie header) and for
  // which `accepts_upload(method, path)` is true has its body streamed
  // to a new file in `upload_directory` (bounded memory, up to `upload_limit_bytes`) instead of
  // memory; the handler finds the file's path in Request::body_file. The request timeout then
  // applies to each read of the body rather than to the whole body. An `Expect: 100-continue`
  // is answered before the body is read.
  std::function<bool(std::string_view method, std::string_view path)> accepts_upload;
  // Requests for which `runs_long(method, path)` is true are handled on a separate pool of as
  // many threads as io threads, so that a long one (a scan of a large table) never delays the
  // others.
  std::function<bool(std::string_view method, std::string_view path)> runs_long;
  std::string upload_directory;
  uint64_t upload_limit_bytes = uint64_t{64} * 1024 * 1024 * 1024;
};

// Turns a request into a response. Called on server threads, concurrently.
using RequestHandler = std::function<Response(Request&)>;

class HttpServer {
 public:
  // `metrics` and `log` must outlive the server.
  HttpServer(ServerOptions options, RequestHandler handler, Metrics& metrics, AccessLog& log);
  ~HttpServer();

  // Binds and listens. InvalidArgument for an unusable address, Unavailable when the port is in
  // use or not permitted.
  Status Listen();
  // The bound port. REQUIRES: Listen() succeeded.
  uint16_t port() const;
  // Serves until Stop() or, when `handle_signals`, SIGINT or SIGTERM. Blocks.
  void Run(bool handle_signals);
  // Begins a graceful shutdown. Thread-safe; may be called more than once.
  void Stop();

  class Impl;  // defined in server.cc only

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongshu
