#pragma once

#include <string>

namespace perfcase {

// The bundled demo: one real run of the flagship investigation, "the table
// UI lags after a 10k-row import" (resources/scenarios/mixed: Chromium's
// trace and HAR while scrolling, the API's JSON log with its Socket.IO
// emits, the ingress access log, HPA, pods, events and `kubectl top`),
// compiled into the binary. The first use writes the inputs to the user's
// data folder, imports them into a case there and checks it with
// import-lag; later uses open that case again, with whatever notes were
// added to it. A demo case that no longer opens is set aside and rebuilt.
class DemoCase
{
public:
    static constexpr const char *kPlaybook = "import-lag";

    // The ready case's path. Throws CaseFileError, SqlError or
    // std::runtime_error (an input that could not be written or imported).
    static std::string prepare(const std::string &folder = defaultFolder());
    // <AppLocalDataLocation>/demo, e.g. ~/.local/share/perfcase/perfcase/demo.
    static std::string defaultFolder();

private:
    static void build(const std::string &folder, const std::string &casePath);
};

} // namespace perfcase
