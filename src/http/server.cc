#include "http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/secrets.h"
#include "http/access_log.h"
#include "http/metrics.h"
#include "http/problem.h"

namespace gongshu {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// A request id from the client is kept when it is short and plain; otherwise one is made.
std::string RequestIdFrom(std::string_view given) {
  bool plain = !given.empty() && given.size() <= 64;
  for (char symbol : given) {
    bool allowed = (symbol >= 'a' && symbol <= 'z') || (symbol >= 'A' && symbol <= 'Z') ||
                   (symbol >= '0' && symbol <= '9') || symbol == '-' || symbol == '_' ||
                   symbol == '.';
    plain = plain && allowed;
  }
  if (plain) return std::string(given);
  // Ids only need to be unique, not secret: a random prefix per process and a counter, so a
  // request costs no system call for randomness.
  static const std::string kPrefix = Base64UrlEncode(RandomBytes(6));
  static std::atomic<uint64_t> counter{0};
  char suffix[24];
  std::snprintf(suffix, sizeof(suffix), "-%llx",
                static_cast<unsigned long long>(counter.fetch_add(1, std::memory_order_relaxed)));
  return kPrefix + suffix;
}

// What the server needs from a live connection at shutdown.
class ConnectionBase {
 public:
  virtual ~ConnectionBase() = default;
  // Closes the connection unless a request on it has begun (its bytes read or waiting in the
  // socket). Called on the connection's strand.
  virtual void CloseIfIdle() = 0;
  virtual void PostCloseIfIdle() = 0;
};

}  // namespace

class HttpServer::Impl {
 public:
  Impl(ServerOptions options, RequestHandler handler, Metrics& metrics, AccessLog& log)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        metrics_(metrics),
        log_(log),
        io_(options_.threads > 0
                ? options_.threads
                : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))),
        acceptor_(io_),
        signals_(io_),
        long_pool_(static_cast<size_t>(
            options_.threads > 0
                ? options_.threads
                : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())))) {}

  Status Listen() {
    boost::system::error_code error;
    asio::ip::address address = asio::ip::make_address(options_.host, error);
    if (error) return Status::InvalidArgument("not an IP address: " + options_.host);
    tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
      return Status::Unavailable("cannot listen on " + options_.host + ":" +
                                 std::to_string(options_.port) + ": " + error.message());
    }
    port_ = acceptor_.local_endpoint().port();
    return Status::Ok();
  }

  uint16_t port() const { return port_; }

  void Run(bool handle_signals) {
    if (handle_signals) {
      signals_.add(SIGINT);
      signals_.add(SIGTERM);
      signals_.async_wait([this](const boost::system::error_code& error, int) {
        if (!error) Stop();
      });
    }
    Accept();
    int thread_count = options_.threads > 0
                           ? options_.threads
                           : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (int index = 1; index < thread_count; ++index) threads.emplace_back([this] { io_.run(); });
    io_.run();
    for (std::thread& thread : threads) thread.join();
    long_pool_.join();
  }

  asio::thread_pool& long_pool() { return long_pool_; }

  void Stop() {
    asio::post(io_, [this] {
      if (stopping_.exchange(true)) return;
      log_.Note("info", "shutting down: finishing requests in flight");
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      signals_.cancel(ignored);
      drain_deadline_ = std::chrono::steady_clock::now() + options_.drain_timeout;
      std::vector<std::shared_ptr<ConnectionBase>> live;
      {
        std::lock_guard<std::mutex> lock(connections_mutex_);
        for (auto& [id, connection] : connections_) {
          if (auto strong = connection.lock()) live.push_back(std::move(strong));
        }
      }
      for (auto& connection : live) connection->PostCloseIfIdle();
      WaitForDrain();
    });
  }

  // Called by connections.
  // Connections register while they live, so that shutdown can close the idle ones and wait
  // for the rest to answer.
  uint64_t Register(std::weak_ptr<ConnectionBase> connection) {
    std::lock_guard<std::mutex> lock(connections_mutex_);
    connections_.emplace(++last_connection_id_, std::move(connection));
    return last_connection_id_;
  }
  void Unregister(uint64_t id) {
    std::lock_guard<std::mutex> lock(connections_mutex_);
    connections_.erase(id);
  }

  bool stopping() const { return stopping_.load(); }
  const ServerOptions& options() const { return options_; }
  Metrics& metrics() { return metrics_; }
  AccessLog& log() { return log_; }
  Response Handle(Request& request) { return handler_(request); }

 private:
  void Accept();

  void WaitForDrain() {
    size_t live = 0;
    {
      std::lock_guard<std::mutex> lock(connections_mutex_);
      live = connections_.size();
    }
    if (live == 0 || std::chrono::steady_clock::now() >= drain_deadline_) {
      io_.stop();
      return;
    }
    auto timer = std::make_shared<asio::steady_timer>(io_, std::chrono::milliseconds(20));
    timer->async_wait([this, timer](const boost::system::error_code&) { WaitForDrain(); });
  }

  ServerOptions options_;
  RequestHandler handler_;
  Metrics& metrics_;
  AccessLog& log_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex connections_mutex_;
  std::unordered_map<uint64_t, std::weak_ptr<ConnectionBase>> connections_;  // guarded
  uint64_t last_connection_id_ = 0;                                          // guarded
  std::chrono::steady_clock::time_point drain_deadline_;
  asio::thread_pool long_pool_;  // runs the handlers of ServerOptions::runs_long
};

namespace {

// One client connection: read a request, answer it, repeat while keep-alive holds.
class Connection final : public ConnectionBase, public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, HttpServer::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    boost::system::error_code error;
    tcp::endpoint remote = stream_.socket().remote_endpoint(error);
    if (!error) remote_address_ = remote.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), error);
  }

  ~Connection() override { server_.Unregister(id_); }

  void Start() {
    id_ = server_.Register(weak_from_this());
    WaitForRequest();
  }

  void PostCloseIfIdle() override {
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->CloseIfIdle(); });
  }

  void CloseIfIdle() override {
    if (in_flight_) return;  // a request has begun: it is answered, then the connection closes
    boost::system::error_code error;
    if (stream_.socket().available(error) > 0 && !error) return;  // its bytes are waiting
    // Cancel the wait for a next request. A read that has already taken bytes still completes
    // with them, and that request is answered; a read still waiting ends and closes.
    stream_.socket().cancel(error);
  }

 private:
  // Waits up to the idle timeout for the first bytes of the next request.
  void WaitForRequest() {
    if (server_.stopping()) return Close();
    stream_.expires_after(server_.options().idle_timeout);
    if (buffer_.size() > 0) return ReadRequest();
    stream_.async_read_some(
        buffer_.prepare(4096),
        [self = shared_from_this()](const boost::system::error_code& error, size_t bytes) {
          if (error) return self->Close();
          self->buffer_.commit(bytes);
          self->ReadRequest();
        });
  }

  // A request is in flight from its first byte until its response is written; a graceful
  // shutdown leaves such a connection open until then.
  void BeginRequest() { in_flight_ = true; }
  void EndRequest() { in_flight_ = false; }

  void ReadRequest() {
    BeginRequest();
    parser_.emplace();
    parser_->header_limit(static_cast<uint32_t>(server_.options().header_limit_bytes));
    // The header is checked against the larger upload limit; a request that turns out not to
    // be an upload is held to the body limit in OnHeader.
    parser_->body_limit(server_.options().accepts_upload
                            ? std::max<uint64_t>(server_.options().body_limit_bytes,
                                                 server_.options().upload_limit_bytes)
                            : server_.options().body_limit_bytes);
    stream_.expires_after(server_.options().request_timeout);
    started_ = std::chrono::steady_clock::now();
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](const boost::system::error_code& error,
                                                        size_t) { self->OnHeader(error); });
  }

  // The header is in: an upload route streams its body to a file, any other request reads its
  // body into memory under the body limit.
  void OnHeader(const boost::system::error_code& error) {
    if (error) return OnRead(error);
    const auto& header = parser_->get();
    const ServerOptions& options = server_.options();
    std::string_view target = header.target();
    std::string_view path = target.substr(0, target.find('?'));
    // Only a request with credentials may stream a large body to disk; any other is held to
    // the body limit (and then refused by the access check anyway).
    bool has_credentials =
        header.count(http::field::authorization) > 0 || header.count(http::field::cookie) > 0;
    if (has_credentials && options.accepts_upload && !options.upload_directory.empty() &&
        options.accepts_upload(header.method_string(), path)) {
      return BeginUpload();
    }
    if (parser_->content_length() && *parser_->content_length() > options.body_limit_bytes) {
      return OnRead(http::error::body_limit);
    }
    parser_->body_limit(options.body_limit_bytes);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](const boost::system::error_code& read_error,
                                                 size_t) { self->OnRead(read_error); });
  }

  void BeginUpload() {
    upload_path_ = server_.options().upload_directory + "/upload-" +
                   Sha256Hex(RandomBytes(16)).substr(0, 24) + ".part";
    upload_parser_.emplace(std::move(*parser_));
    upload_parser_->body_limit(server_.options().upload_limit_bytes);
    beast::error_code error;
    upload_parser_->get().body().open(upload_path_.c_str(), beast::file_mode::write, error);
    if (error) {
      upload_parser_.reset();
      std::remove(upload_path_.c_str());
      upload_path_.clear();
      Request request;
      request.remote_address = remote_address_;
      request.request_id = RequestIdFrom("");
      Response response = ProblemResponse(Status::Internal("cannot store the upload"));
      response.route = "(upload)";
      linger_ = true;
      return Send(request, std::move(response), false);
    }
    if (upload_parser_->is_done()) return OnUploadRead({});  // no body at all
    bool expects_continue =
        beast::iequals(upload_parser_->get()[http::field::expect], "100-continue");
    if (!expects_continue) return ReadUploadSome();
    auto interim = std::make_shared<std::string>("HTTP/1.1 100 Continue\r\n\r\n");
    asio::async_write(
        stream_, asio::buffer(*interim),
        [self = shared_from_this(), interim](const boost::system::error_code& error, size_t) {
          if (error) return self->AbandonUpload();
          self->ReadUploadSome();
        });
  }

  // Reads the body piece by piece so that a slow but steady upload is not cut off by the
  // request timeout, while a stalled one still is.
  void ReadUploadSome() {
    stream_.expires_after(server_.options().request_timeout);
    http::async_read_some(
        stream_, buffer_, *upload_parser_,
        [self = shared_from_this()](const boost::system::error_code& error, size_t) {
          if (!error && !self->upload_parser_->is_done()) return self->ReadUploadSome();
          self->OnUploadRead(error);
        });
  }

  void AbandonUpload() {
    upload_parser_.reset();
    if (!upload_path_.empty()) std::remove(upload_path_.c_str());
    upload_path_.clear();
    Close();
  }

  void OnUploadRead(const boost::system::error_code& error) {
    if (error) {
      bool too_large = error == http::error::body_limit;
      std::string method(upload_parser_->get().method_string());
      std::string target(upload_parser_->get().target());
      upload_parser_.reset();
      std::remove(upload_path_.c_str());
      upload_path_.clear();
      bool malformed =
          error.category() == http::make_error_code(http::error::body_limit).category() &&
          error != http::error::partial_message && error != http::error::end_of_stream;
      if (!too_large && !malformed) return Close();  // the client went away or stalled
      Status status =
          too_large ? Status::PayloadTooLarge("the upload is larger than the limit of " +
                                              std::to_string(server_.options().upload_limit_bytes) +
                                              " bytes")
                    : Status::InvalidArgument("malformed HTTP request: " + error.message());
      Request request;
      request.method = method;
      request.path = target.substr(0, target.find('?'));
      request.remote_address = remote_address_;
      request.request_id = RequestIdFrom("");
      Response response = ProblemResponse(status);
      response.route = "(upload)";
      linger_ = true;
      return Send(request, std::move(response), false);
    }
    upload_parser_->get().body().close();
    http::request<http::file_body> message = upload_parser_->release();
    upload_parser_.reset();
    Request request = RequestFromHeader(message);
    request.body_file = upload_path_;
    bool keep_alive = message.keep_alive();
    Respond(request, keep_alive);
    std::remove(upload_path_.c_str());  // unless the handler has taken it
    upload_path_.clear();
  }

  template <typename Message>
  Request RequestFromHeader(const Message& message) {
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    request.path = request.target.substr(0, request.target.find('?'));
    request.remote_address = remote_address_;
    for (const auto& field : message) {
      std::string name(field.name_string());
      for (char& symbol : name) symbol = static_cast<char>(std::tolower(symbol));
      request.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    request.request_id = RequestIdFrom(request.Header("x-request-id"));
    http10_ = message.version() == 10;
    return request;
  }

  // Parses the query string, calls the handler and sends its response.
  void Respond(Request& request, bool keep_alive) {
    size_t question = request.target.find('?');
    Response response;
    if (question != std::string::npos &&
        !ParseQueryString(std::string_view(request.target).substr(question + 1), &request.query)) {
      response = ProblemResponse(
          Status::InvalidField("query", "malformed percent escape in the query string"),
          request.path);
      response.route = "(unmatched)";
    } else if (server_.options().runs_long &&
               server_.options().runs_long(request.method, request.path)) {
      // Off the io threads: other requests (health checks among them) are not kept waiting.
      auto shared = std::make_shared<Request>(std::move(request));
      asio::post(server_.long_pool(), [self = shared_from_this(), shared, keep_alive] {
        auto answer = std::make_shared<Response>(self->server_.Handle(*shared));
        asio::post(self->stream_.get_executor(), [self, shared, answer, keep_alive] {
          self->Send(*shared, std::move(*answer), keep_alive);
        });
      });
      return;
    } else {
      response = server_.Handle(request);
    }
    Send(request, std::move(response), keep_alive);
  }

  void OnRead(const boost::system::error_code& error) {
    if (error == http::error::end_of_stream || error == beast::error::timeout ||
        error == asio::error::operation_aborted || error == asio::error::connection_reset ||
        error == asio::error::eof) {
      return Close();
    }
    if (error) {
      Status status = Status::InvalidArgument("malformed HTTP request: " + error.message());
      if (error == http::error::body_limit) {
        status =
            Status::PayloadTooLarge("the request body is larger than the limit of " +
                                    std::to_string(server_.options().body_limit_bytes) + " bytes");
      } else if (error == http::error::header_limit) {
        status = Status::InvalidArgument("the request headers are larger than the limit of " +
                                         std::to_string(server_.options().header_limit_bytes) +
                                         " bytes");
      }
      Response response = ProblemResponse(status);
      response.route = "(unparsed)";
      if (error == http::error::header_limit) response.status = 431;
      Request request;
      request.remote_address = remote_address_;
      request.request_id = RequestIdFrom("");
      if (parser_->is_header_done()) {
        request.method = std::string(parser_->get().method_string());
        request.path = std::string(parser_->get().target());
      }
      linger_ = true;  // the client may still be sending what we refused
      return Send(request, std::move(response), false);
    }
    http::request<http::string_body> message = parser_->release();
    Request request = RequestFromHeader(message);
    request.body = std::move(message.body());
    Respond(request, message.keep_alive());
  }

  void Send(const Request& request, Response response, bool keep_alive) {
    keep_alive = keep_alive && !server_.stopping();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    server_.metrics().Observe(response.route, request.method.empty() ? "-" : request.method,
                              response.status, seconds);
    server_.log().Record(request, response, seconds);
    // The response head is written directly: every field comes from this server (names and
    // values without CR or LF), and Beast's general-purpose field container costs an allocation
    // per field on the busiest path of all.
    auto message = std::make_shared<std::pair<std::string, std::string>>();
    std::string& head = message->first;
    head.reserve(256);
    head.append("HTTP/1.1 ").append(std::to_string(response.status)).append(" ");
    head.append(http::obsolete_reason(static_cast<http::status>(response.status)));
    head.append("\r\nServer: gongshu\r\nX-Request-Id: ").append(request.request_id);
    head.append("\r\nX-Content-Type-Options: nosniff\r\n");
    for (const auto& [name, value] : response.headers) {
      head.append(name).append(": ").append(value).append("\r\n");
    }
    std::shared_ptr<BodyProducer> stream = request.method != "HEAD" ? response.stream : nullptr;
    if (stream && http10_) keep_alive = false;  // HTTP/1.0 has no chunks: the close ends it
    if (stream) {
      if (!http10_) head.append("Transfer-Encoding: chunked\r\n");
    } else {
      head.append("Content-Length: ").append(std::to_string(response.body.size())).append("\r\n");
    }
    if (!keep_alive) {
      head.append("Connection: close\r\n");
    } else if (http10_) {
      head.append("Connection: keep-alive\r\n");
    }
    head.append("\r\n");
    // A HEAD answer carries the length of the body it leaves out.
    if (request.method != "HEAD") message->second = std::move(response.body);
    stream_.expires_after(server_.options().request_timeout);
    if (stream) {
      message->second.clear();
      asio::async_write(stream_, asio::buffer(message->first),
                        [self = shared_from_this(), message, stream, keep_alive](
                            const boost::system::error_code& error, size_t) {
                          if (error) {
                            self->EndRequest();
                            return self->Close();
                          }
                          self->SendPieces(stream, keep_alive);
                        });
      return;
    }
    std::array<asio::const_buffer, 2> buffers = {asio::buffer(message->first),
                                                 asio::buffer(message->second)};
    asio::async_write(stream_, buffers,
                      [self = shared_from_this(), message, keep_alive](
                          const boost::system::error_code& error, size_t) {
                        self->EndRequest();
                        if (!error && self->linger_) return self->LingerThenClose();
                        if (error || !keep_alive) return self->Close();
                        self->WaitForRequest();
                      });
  }

  // Writes the pieces of a streamed body, one chunk per piece, then the last chunk.
  void SendPieces(std::shared_ptr<BodyProducer> stream, bool keep_alive) {
    auto piece = std::make_shared<std::string>();
    bool more = stream->Next(*piece);
    if (more && piece->empty()) return SendPieces(std::move(stream), keep_alive);
    auto framed = std::make_shared<std::string>();
    if (http10_) {
      *framed = std::move(*piece);
    } else if (more) {
      static constexpr char kHex[] = "0123456789abcdef";
      std::string size;
      for (size_t length = piece->size(); length > 0; length >>= 4) {
        size.insert(size.begin(), kHex[length & 0xf]);
      }
      framed->reserve(piece->size() + size.size() + 4);
      framed->append(size).append("\r\n").append(*piece).append("\r\n");
    } else if (stream->failed()) {
      return FinishStream(false, {});  // no final chunk: the client sees the transfer cut
    } else {
      *framed = "0\r\n\r\n";
    }
    stream_.expires_after(server_.options().request_timeout);
    if (framed->empty() && !more) return FinishStream(keep_alive, {});
    asio::async_write(stream_, asio::buffer(*framed),
                      [self = shared_from_this(), framed, stream, more, keep_alive](
                          const boost::system::error_code& error, size_t) {
                        if (error || !more) return self->FinishStream(keep_alive, error);
                        self->SendPieces(stream, keep_alive);
                      });
  }

  void FinishStream(bool keep_alive, const boost::system::error_code& error) {
    EndRequest();
    if (error || !keep_alive) return Close();
    WaitForRequest();
  }

  // After refusing a request whose bytes may still be arriving, stop sending and read what
  // remains (up to a limit and a deadline) before closing. Closing at once would make the kernel
  // reset the connection, and the client could lose the answer it has not read yet.
  void LingerThenClose() {
    boost::system::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    Discard(0);
  }
  void Discard(size_t discarded) {
    if (discarded > 4 * 1024 * 1024) return Close();
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(64 * 1024),
                            [self = shared_from_this(), discarded](
                                const boost::system::error_code& error, size_t bytes) {
                              if (error) return self->Close();
                              self->buffer_.commit(bytes);
                              self->Discard(discarded + bytes);
                            });
  }

  void Close() {
    EndRequest();
    boost::system::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  HttpServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::request_parser<http::file_body>> upload_parser_;
  std::string upload_path_;  // the spool file of the upload being read, if any
  std::string remote_address_;
  std::chrono::steady_clock::time_point started_;
  bool in_flight_ = false;  // a request on this connection is in flight
  uint64_t id_ = 0;
  bool linger_ = false;  // a refused request: drain the client's bytes before closing
  bool http10_ = false;  // the current request is HTTP/1.0 (keep-alive must then be said)
};

}  // namespace

void HttpServer::Impl::Accept() {
  acceptor_.async_accept(asio::make_strand(io_),
                         [this](const boost::system::error_code& error, tcp::socket socket) {
                           if (error) {
                             if (!stopping_.load() && acceptor_.is_open()) Accept();
                             return;
                           }
                           std::make_shared<Connection>(std::move(socket), *this)->Start();
                           Accept();
                         });
}

HttpServer::HttpServer(ServerOptions options, RequestHandler handler, Metrics& metrics,
                       AccessLog& log)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), metrics, log)) {}

HttpServer::~HttpServer() = default;

Status HttpServer::Listen() { return impl_->Listen(); }
uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::Run(bool handle_signals) { impl_->Run(handle_signals); }
void HttpServer::Stop() { impl_->Stop(); }

}  // namespace gongshu
