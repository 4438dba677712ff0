#pragma once

#include <string>

namespace perfcase {

// A server's public host key as known_hosts stores it.
struct HostKey
{
    std::string type; // e.g. "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"
    std::string blob; // raw decoded key blob (starts with the SSH string of its type)
};

// "SHA256:" + unpadded base64 of SHA-256(blob): the form ssh-keygen -l and ssh print, so the
// user can compare it with what the server administrator publishes.
std::string sha256Fingerprint(const std::string &blob);

} // namespace perfcase
