#pragma once

#include "sqlite/Statement.h"

#include <memory>
#include <set>
#include <string>

namespace perfcase {

class CaseFile;

// Read-only SQL over the public views, for `perfcase query` and playbook
// checks. One statement per call; an authorizer active while the statement
// compiles allows reads of the v_* views and nothing else.
class QueryRunner
{
public:
    explicit QueryRunner(const std::string &casePath);
    ~QueryRunner();

    // Throws QueryError (kind Usage) for SQL that does not compile, writes,
    // touches anything but the public views, or holds more than one statement.
    Statement prepare(const std::string &sql);

private:
    std::unique_ptr<CaseFile> m_file;
    std::set<std::string> m_views; // the public TEMP views of this connection
};

class QueryError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

} // namespace perfcase
