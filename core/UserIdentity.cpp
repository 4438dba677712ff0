#include "UserIdentity.h"

#include <QByteArray>
#include <QSettings>
#include <memory>
#include <pwd.h>
#include <unistd.h>

namespace perfcase {

namespace {

const auto kAuthorKey = QStringLiteral("identity/author");
constexpr qsizetype kMaxNameChars = 100; // the report shows it on one line

// Named explicitly: the command line and the window share one settings file.
std::unique_ptr<QSettings> settings()
{
    return std::make_unique<QSettings>(QSettings::NativeFormat, QSettings::UserScope,
                                       QStringLiteral("perfcase"), QStringLiteral("perfcase"));
}

} // namespace

std::string osUserName()
{
    for (const char *variable : {"USER", "LOGNAME"}) {
        const QByteArray user = qgetenv(variable);
        if (!user.isEmpty()) return user.toStdString();
    }
    // Containers, CI and services often set neither: ask the user database.
    if (const passwd *entry = ::getpwuid(::geteuid()); entry && entry->pw_name && *entry->pw_name)
        return entry->pw_name;
    return "unknown";
}

std::string configuredUserName()
{
    return settings()->value(kAuthorKey).toString().trimmed().left(kMaxNameChars).toStdString();
}

void setConfiguredUserName(const std::string &name)
{
    const QString trimmed = QString::fromStdString(name).trimmed().left(kMaxNameChars);
    auto store = settings();
    if (trimmed.isEmpty())
        store->remove(kAuthorKey);
    else
        store->setValue(kAuthorKey, trimmed);
}

std::string currentUserName()
{
    const QByteArray forced = qgetenv("PERFCASE_AUTHOR").trimmed();
    if (!forced.isEmpty()) return QString::fromUtf8(forced).left(kMaxNameChars).toStdString();
    const std::string configured = configuredUserName();
    return configured.empty() ? osUserName() : configured;
}

} // namespace perfcase
