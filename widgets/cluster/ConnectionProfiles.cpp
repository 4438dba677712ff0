#include "ConnectionProfiles.h"

#include "UserPreferences.h"
#include "collect/KubeArguments.h"
#include "transport/SshTarget.h"

#include <QCoreApplication>
#include <QSettings>
#include <QUrl>
#include <exception>

namespace perfcase {

QString ConnectionProfile::effectiveNamespace() const
{
    return nameSpace.isEmpty() ? UserPreferences::defaultNamespace() : nameSpace;
}

namespace {

const QString kProfiles = QStringLiteral("cluster/profiles");
const QString kActive = QStringLiteral("cluster/active");

QString tr(const char *text)
{
    return QCoreApplication::translate("perfcase::ConnectionProfiles", text);
}

} // namespace

QList<ConnectionProfile> ConnectionProfiles::load()
{
    QSettings settings;
    QList<ConnectionProfile> profiles;
    const int count = settings.beginReadArray(kProfiles);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        ConnectionProfile profile{settings.value(QStringLiteral("name")).toString(),
                                  settings.value(QStringLiteral("target")).toString(),
                                  settings.value(QStringLiteral("context")).toString(),
                                  settings.value(QStringLiteral("namespace")).toString(),
                                  settings.value(QStringLiteral("prometheus")).toString()};
        if (!profile.name.isEmpty() && !find(profiles, profile.name)) profiles.append(profile);
    }
    settings.endArray();
    return profiles;
}

void ConnectionProfiles::save(const QList<ConnectionProfile> &profiles)
{
    QSettings settings;
    settings.remove(kProfiles);
    settings.beginWriteArray(kProfiles, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const ConnectionProfile &profile = profiles.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), profile.name);
        settings.setValue(QStringLiteral("target"), profile.target);
        settings.setValue(QStringLiteral("context"), profile.context);
        settings.setValue(QStringLiteral("namespace"), profile.nameSpace);
        settings.setValue(QStringLiteral("prometheus"), profile.prometheusUrl);
    }
    settings.endArray();
}

QString ConnectionProfiles::activeName()
{
    return QSettings().value(kActive).toString();
}

void ConnectionProfiles::setActiveName(const QString &name)
{
    QSettings().setValue(kActive, name);
}

const ConnectionProfile *ConnectionProfiles::find(const QList<ConnectionProfile> &profiles,
                                                  const QString &name)
{
    for (const ConnectionProfile &profile : profiles)
        if (profile.name == name) return &profile;
    return nullptr;
}

QString ConnectionProfiles::problem(const ConnectionProfile &profile)
{
    if (profile.name.trimmed().isEmpty()) return tr("The profile needs a name.");
    if (profile.target.trimmed().isEmpty())
        return tr("The target is empty: local, ssh://user@host[:port] or a ~/.ssh/config Host.");
    try {
        SshTarget::parse(profile.target.toStdString());
        if (!profile.context.isEmpty())
            KubeArguments::context(profile.context.toStdString(), "context");
        if (!profile.nameSpace.isEmpty())
            KubeArguments::label(profile.nameSpace.toStdString(), "namespace");
    } catch (const std::exception &error) {
        return QString::fromStdString(error.what());
    }
    if (!profile.prometheusUrl.isEmpty()) {
        const QUrl url(profile.prometheusUrl, QUrl::StrictMode);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            url.host().isEmpty())
            return tr("The Prometheus URL must be http:// or https:// with a host.");
        if (!url.userInfo().isEmpty())
            return tr("The Prometheus URL must not hold credentials: they would be saved. "
                      "Set PERFCASE_PROMETHEUS_TOKEN or PERFCASE_PROMETHEUS_USER and "
                      "PERFCASE_PROMETHEUS_PASSWORD instead.");
    }
    return {};
}

} // namespace perfcase
