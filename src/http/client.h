// A small blocking HTTP/1.1 client (plain http:// only) for talking to other Gongshu nodes, such
// as a log sending its checkpoints to witnesses. Beast stays inside client.cc.
#pragma once

#include <chrono>
#include <string>

#include "common/status.h"

namespace gongshu {

struct ClientResponse {
  int status = 0;
  std::string content_type;
  std::string body;
};

// Sends `method` to `url` ("http://host[:port]/path") with `body`. Unavailable when the peer
// cannot be reached or does not answer within `timeout`; InvalidArgument for a URL that is not
// plain http. Any HTTP status is a successful result.
Result<ClientResponse> SendHttp(const std::string& method, const std::string& url,
                                const std::string& body, const std::string& content_type,
                                std::chrono::milliseconds timeout);

}  // namespace gongshu
