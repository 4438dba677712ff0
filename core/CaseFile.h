#pragma once

#include "sqlite/Database.h"

#include <functional>
#include <memory>
#include <string>

namespace perfcase {

// An open case file: checked, hardened, with the public views in place.
// Opening treats the file as untrusted (DESIGN.md, "The case file").
class CaseFile
{
public:
    enum class Access { ReadWrite, ReadOnly };

    // Creates a new case; refuses (CaseFileError::Exists) to touch an existing path.
    static std::unique_ptr<CaseFile> create(const std::string &path, const std::string &title,
                                            const std::string &author);
    // Polled during long work on the open; true stops it (CaseFileError::Cancelled).
    using Cancelled = std::function<bool()>;

    // Opens an existing case. ReadWrite falls back to an immutable read-only
    // connection when the file cannot be written (isReadOnly() tells). A case
    // this user has not seen before gets PRAGMA quick_check first: that reads
    // the whole file, so the window runs it off the GUI thread.
    static std::unique_ptr<CaseFile> open(const std::string &path, Access access,
                                          const Cancelled &cancelled = {});

    Database &db() { return m_db; }
    const std::string &path() const { return m_db.path(); }
    bool isReadOnly() const { return m_readOnly; }
    // Throws CaseFileError::ReadOnly when the case cannot be written.
    void requireWritable() const;

    std::string meta(const std::string &key);
    void setMeta(const std::string &key, const std::string &value);

    // Flushes the WAL into the main file so a copied .perfcase is whole.
    void checkpoint();

private:
    CaseFile(Database db, bool readOnly);
    void prepareConnection(const Cancelled &cancelled);
    // quick_check for a file from elsewhere (KnownCases); refuses a corrupt one.
    void checkIntegrityIfUnknown(const Cancelled &cancelled);
    // Deletes sources whose importing process died before they were ready.
    void removeAbandonedSources();

    Database m_db;
    bool m_readOnly;
};

} // namespace perfcase
