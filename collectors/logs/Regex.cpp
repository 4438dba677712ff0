#define PCRE2_CODE_UNIT_WIDTH 8
#include "Regex.h"

#include <pcre2.h>

#include <stdexcept>
#include <utility>

namespace perfcase {

Regex::Regex(std::string_view pattern)
{
    int error = 0;
    PCRE2_SIZE offset = 0;
    // No PCRE2_UTF: lines may hold invalid UTF-8 until sanitized, and every
    // pattern we ship is ASCII, so byte semantics are both safe and fastest.
    m_code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), 0, &error,
                           &offset, nullptr);
    if (!m_code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        throw std::invalid_argument(std::string(reinterpret_cast<char *>(message)) +
                                    " at offset " + std::to_string(offset));
    }
    pcre2_jit_compile(m_code, PCRE2_JIT_COMPLETE); // falls back to the interpreter if JIT is off
}

Regex::~Regex()
{
    pcre2_code_free(m_code);
}

Regex::Regex(Regex &&other) noexcept : m_code(std::exchange(other.m_code, nullptr)) {}

Regex &Regex::operator=(Regex &&other) noexcept
{
    if (this != &other) {
        pcre2_code_free(m_code);
        m_code = std::exchange(other.m_code, nullptr);
    }
    return *this;
}

int Regex::groupIndex(const char *name) const
{
    int index = pcre2_substring_number_from_name(m_code, reinterpret_cast<PCRE2_SPTR>(name));
    return index > 0 ? index : -1;
}

Regex::Match::Match(const Regex &regex) : m_regex(regex)
{
    m_data = pcre2_match_data_create_from_pattern(regex.m_code, nullptr);
}

Regex::Match::~Match()
{
    pcre2_match_data_free(m_data);
}

bool Regex::Match::run(std::string_view subject)
{
    m_subject = subject;
    int rc = pcre2_match(m_regex.m_code, reinterpret_cast<PCRE2_SPTR>(subject.data()),
                         subject.size(), 0, 0, m_data, nullptr);
    return rc > 0;
}

bool Regex::Match::hasGroup(int index) const
{
    if (index < 0 || index >= int(pcre2_get_ovector_count(m_data)))
        return false;
    PCRE2_SIZE *vector = pcre2_get_ovector_pointer(m_data);
    return vector[2 * index] != PCRE2_UNSET;
}

std::string_view Regex::Match::group(int index) const
{
    if (!hasGroup(index))
        return {};
    PCRE2_SIZE *vector = pcre2_get_ovector_pointer(m_data);
    return m_subject.substr(vector[2 * index], vector[2 * index + 1] - vector[2 * index]);
}

} // namespace perfcase
