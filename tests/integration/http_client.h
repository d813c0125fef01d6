// A small blocking HTTP/1.1 client for integration tests (Beast stays in http_client.cc).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gongshu::testing {

struct HttpResult {
  int status = 0;  // 0 when the connection failed or closed without an answer
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string Header(const std::string& name) const {
    auto entry = headers.find(name);
    return entry == headers.end() ? std::string() : entry->second;
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// Sends one request on a new connection to 127.0.0.1:`port`.
HttpResult Send(uint16_t port, const std::string& method, const std::string& target,
                const Headers& headers = {}, const std::string& body = "");

// Writes `bytes` as they are and reads one response.
HttpResult SendRaw(uint16_t port, const std::string& bytes);

// A connection kept open across writes, for requests sent in pieces.
class RawConnection {
 public:
  explicit RawConnection(uint16_t port);
  ~RawConnection();
  bool Write(const std::string& bytes);
  // Reads one response.
  HttpResult Read();
  // Reads the bytes of one response head, up to and including the blank line.
  std::string ReadHead();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Connects, writes `bytes`, and waits up to `seconds` for the server to close the connection
// without answering. True when it closed in time.
bool ServerClosesWithin(uint16_t port, const std::string& bytes, int seconds);

// True when a TCP connection to 127.0.0.1:`port` is accepted.
bool CanConnect(uint16_t port);

}  // namespace gongshu::testing
