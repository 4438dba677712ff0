#include "CaseFile.h"
#include "CaseFileError.h"
#include "CliOutput.h"
#include "CommandLine.h"
#include "Commands.h"
#include "ExitCode.h"
#include "SourceRemover.h"
#include "sqlite/SqlError.h"
#include "sqlite/Transaction.h"

#include <cstdio>
#include <utility>
#include <vector>

namespace perfcase {

// perfcase remove CASE SOURCE_ID... (CLI.md): the sources and every row they
// own go in one transaction; annotations, notes and overrides stay.
int runRemoveCommand(const QStringList &arguments)
{
    CommandLine cli(QStringLiteral("remove"), QStringLiteral("CASE SOURCE_ID..."));
    if (auto exit = cli.parse(arguments, 2, -1)) return *exit;
    const std::string path = cli.positional().at(0).toStdString();
    std::vector<std::int64_t> ids;
    for (const QString &text : cli.positional().mid(1)) {
        bool ok = false;
        const qlonglong id = text.toLongLong(&ok);
        if (!ok || id <= 0)
            return cli.usageError(
                QStringLiteral("%1 is not a source id (see perfcase info)").arg(text));
        ids.push_back(id);
    }
    try {
        auto file = CaseFile::open(path, CaseFile::Access::ReadWrite);
        file->requireWritable();
        Database &db = file->db();
        std::vector<std::pair<std::int64_t, std::string>> removed;
        {
            Transaction transaction(db);
            Statement find = db.prepare("SELECT name FROM sources WHERE id = ?1 AND ready = 1");
            for (std::int64_t id : ids) {
                find.bind(1, id);
                const bool found = find.step();
                const std::string name = found ? find.text(0) : std::string();
                find.reset();
                if (!found)
                    return cli.usageError(
                        QStringLiteral("the case has no source #%1; nothing was removed").arg(id));
                SourceRemover::remove(db, id);
                removed.emplace_back(id, name);
            }
            transaction.commit();
        }
        file->checkpoint();
        for (const auto &[id, name] : removed)
            std::printf("removed source #%lld (%s)\n", (long long)id, name.c_str());
        return ExitOk;
    } catch (const CaseFileError &error) {
        return CliOutput::caseError(path, error);
    } catch (const SqlError &error) {
        return CliOutput::caseError(path, error, CliOutput::CaseUse::Writing);
    }
}

} // namespace perfcase
