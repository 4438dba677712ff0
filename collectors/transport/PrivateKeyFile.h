#pragma once

#include <string>

namespace perfcase {

// What a private key file is, read before libssh2 sees it: libssh2 1.10
// cannot sign with RSA keys (no rsa-sha2-*) and reports a wrong passphrase
// and an unreadable file the same way, so the transport asks first.
struct PrivateKeyFile
{
    bool readable = false;
    bool encrypted = false;
    std::string type; // "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa", ... or "" if unknown

    bool isRsa() const { return type == "ssh-rsa"; }
    static PrivateKeyFile inspect(const std::string &path);
};

} // namespace perfcase
