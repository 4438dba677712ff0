#pragma once

#include <QImage>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <utility>
#include <vector>

namespace perfcase {

// A picture of some tracks over a time range, as the timeline draws them.
struct FigureRequest
{
    QStringList trackNames; // one lane per name
    bool includeLogs = false;
    std::int64_t from = 0, to = 0; // corrected ns since the epoch
    std::vector<std::pair<std::int64_t, std::int64_t>> highlights;
    int width = 1600, height = 0; // height 0: from the lanes
};

// How the report gets its figures without core depending on widgets
// (DESIGN.md, Layers): widgets implement it with the timeline's own drawing
// code, and the app hands it to the report, so the report shows what the
// window shows. Implementations run on the GUI thread.
class FigureRenderer
{
public:
    virtual ~FigureRenderer() = default;
    // A null image when nothing can be drawn (no such tracks).
    virtual QImage render(const QString &casePath, const FigureRequest &request) = 0;
};

} // namespace perfcase
