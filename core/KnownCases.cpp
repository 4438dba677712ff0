#include "KnownCases.h"

#include <QSettings>
#include <QStringList>
#include <memory>

namespace perfcase::KnownCases {

namespace {

const auto kKey = QStringLiteral("cases/known");
constexpr int kMaxRemembered = 1000; // the oldest are checked again, which is harmless

// Named explicitly, so the command line and the window share one file even
// before (or without) a Q*Application naming itself.
std::unique_ptr<QSettings> settings()
{
    return std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope,
                                       QStringLiteral("perfcase"), QStringLiteral("perfcase"));
}

} // namespace

bool contains(const std::string &caseUuid)
{
    if (caseUuid.empty()) return false;
    return settings()->value(kKey).toStringList().contains(QString::fromStdString(caseUuid));
}

void remember(const std::string &caseUuid)
{
    if (caseUuid.empty()) return;
    auto store = settings();
    QStringList known = store->value(kKey).toStringList();
    const QString uuid = QString::fromStdString(caseUuid);
    if (!known.isEmpty() && known.first() == uuid) return;
    known.removeAll(uuid);
    known.prepend(uuid);
    while (known.size() > kMaxRemembered)
        known.removeLast();
    store->setValue(kKey, known);
}

void forget(const std::string &caseUuid)
{
    auto store = settings();
    QStringList known = store->value(kKey).toStringList();
    if (known.removeAll(QString::fromStdString(caseUuid)) > 0) store->setValue(kKey, known);
}

} // namespace perfcase::KnownCases
