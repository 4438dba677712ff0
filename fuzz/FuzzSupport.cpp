#include "FuzzSupport.h"

#include "CaseFile.h"
#include "SourceRemover.h"
#include "import/ImportBatch.h"
#include "import/Importer.h"
#include "import/ImporterRegistry.h"
#include "import/Sample.h"
#include "sqlite/Transaction.h"

#include <QCoreApplication>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <unistd.h>

namespace perfcase::fuzz {

namespace {

// Recreating the case now and then keeps its WAL and free pages small
// without paying for a new case (42 tables and indexes) on every input.
constexpr int kImportsPerCase = 500;

struct State
{
    std::string scratch;
    std::unique_ptr<QCoreApplication> app;
    std::unique_ptr<ImporterRegistry> importers;
    std::unique_ptr<CaseFile> file;
    int imports = 0;
};

// Never destroyed: the cleanup at exit closes what must be closed, and the
// rest stays reachable, so LeakSanitizer has nothing to say about it.
State *state = nullptr;

void cleanUp()
{
    if (!state) return;
    state->file.reset();
    std::error_code ignored;
    std::filesystem::remove_all(state->scratch, ignored);
}

CaseFile &freshCase()
{
    if (state->file && state->imports < kImportsPerCase) return *state->file;
    const std::string path = state->scratch + "/fuzz.perfcase";
    state->file.reset();
    for (const char *suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);
    state->file = CaseFile::create(path, "fuzz", "fuzz");
    state->imports = 0;
    return *state->file;
}

} // namespace

void initialise()
{
    if (state) return;
    state = new State;
    const char *tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/perfcase-fuzz-XXXXXX";
    if (!::mkdtemp(pattern.data())) {
        std::perror("perfcase fuzz: mkdtemp");
        std::abort();
    }
    state->scratch = pattern;
    std::filesystem::create_directories(state->scratch + "/config");
    ::setenv("XDG_CONFIG_HOME", (state->scratch + "/config").c_str(), 1);
    ::setenv("QT_QPA_PLATFORM", "offscreen", 1);
    static int argc = 1;
    static char name[] = "perfcase-fuzz";
    static char *argv[] = {name, nullptr};
    state->app = std::make_unique<QCoreApplication>(argc, argv);
    state->importers = std::make_unique<ImporterRegistry>();
    std::atexit(cleanUp);
}

const std::string &scratchFolder()
{
    return state->scratch;
}

std::string writeInput(const std::string &name, const std::uint8_t *data, std::size_t size)
{
    const std::string path = state->scratch + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(data), std::streamsize(size));
    out.close();
    if (!out) {
        std::fprintf(stderr, "perfcase fuzz: cannot write %s\n", path.c_str());
        std::abort();
    }
    return path;
}

namespace {

void importFile(const std::string &path, const std::string &format)
{
    CaseFile &file = freshCase();
    ++state->imports;
    ImportOptions options;
    options.format = format;
    // Fixed, so that a crasher replays the same way next year.
    options.year = 2025;
    CancelToken token;
    std::int64_t imported = 0;
    ImportBatch batch(file, *state->importers);
    batch.run({path}, options, token, [&](const ImportOutcome &outcome) {
        if (outcome.status == ImportOutcome::Status::Imported) imported = outcome.sourceId;
    });
    if (imported > 0) {
        Transaction transaction(file.db());
        SourceRemover::remove(file.db(), imported);
        transaction.commit();
    }
    file.checkpoint();
}

} // namespace

void importAs(const std::uint8_t *data, std::size_t size, const std::string &fileName,
              std::initializer_list<const char *> formats)
{
    initialise();
    const std::string path = writeInput(fileName, data, size);
    std::string format = *formats.begin();
    if (formats.size() > 1) {
        // Sample::read is what FileImporter sniffs with.
        const Sample sample = Sample::read(path);
        int best = 0;
        for (const char *id : formats) {
            const Importer *importer = state->importers->find(id);
            if (!importer) {
                std::fprintf(stderr, "perfcase fuzz: no importer %s\n", id);
                std::abort();
            }
            if (int score = importer->sniff(sample); score > best) {
                best = score;
                format = id;
            }
        }
    }
    importFile(path, format);
}

void importLog(const std::uint8_t *data, std::size_t size, const std::string &fileName)
{
    initialise();
    const std::string path = writeInput(fileName, data, size);
    const Sample sample = Sample::read(path);
    std::string format = "text-log";
    if (auto detected = state->importers->logFormats().detect(sample.lines))
        format = detected->format->id();
    importFile(path, format);
}

} // namespace perfcase::fuzz

// libFuzzer (and ReplayMain) call this before the first input, so the set-up
// is not counted against the first input's memory.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    perfcase::fuzz::initialise();
    return 0;
}
