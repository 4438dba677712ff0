#include "HostKey.h"

#include <openssl/evp.h>
#include <stdexcept>

namespace perfcase {

std::string sha256Fingerprint(const std::string &blob)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(blob.data(), blob.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("cannot compute SHA-256");
    unsigned char encoded[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
    const int encodedLength = EVP_EncodeBlock(encoded, digest, static_cast<int>(length));
    std::string text(reinterpret_cast<const char *>(encoded), static_cast<size_t>(encodedLength));
    // OpenSSH prints the fingerprint without base64 padding.
    while (!text.empty() && text.back() == '=')
        text.pop_back();
    return "SHA256:" + text;
}

} // namespace perfcase
