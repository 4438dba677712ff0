#pragma once

#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace perfcase {

// Incremental SHA-256 (OpenSSL: several times faster than a portable
// implementation, which matters when every imported byte is hashed).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(std::string_view bytes);
    // Lower-case hex; the object cannot be updated afterwards.
    std::string hex();

private:
    evp_md_ctx_st *m_context;
};

} // namespace perfcase
