#include "PlaybookCatalog.h"

#include "PlaybookLoader.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <algorithm>

namespace perfcase {

PlaybookCatalog::PlaybookCatalog(std::string userFolder)
{
    if (userFolder.empty()) userFolder = defaultUserFolder();
    QDir bundled(QStringLiteral(":/playbooks"));
    for (const QString &name : bundled.entryList({QStringLiteral("*.json")}, QDir::Files)) {
        if (name == QLatin1String("playbook.schema.json")) continue;
        QFile file(bundled.filePath(name));
        file.open(QIODevice::ReadOnly);
        // A bundled playbook that does not load is a bug of ours: the tests
        // load every one, so throwing here only happens in development.
        Playbook playbook = PlaybookLoader::parse(file.readAll().toStdString(), name.toStdString());
        playbook.builtin = true;
        playbook.path = ":/playbooks/" + name.toStdString();
        m_playbooks.push_back(std::move(playbook));
    }
    QDir user(QString::fromStdString(userFolder));
    for (const QString &name :
         user.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        try {
            Playbook playbook = PlaybookLoader::load(user.filePath(name).toStdString());
            auto same = std::find_if(m_playbooks.begin(), m_playbooks.end(),
                                     [&](const Playbook &p) { return p.id == playbook.id; });
            if (same != m_playbooks.end())
                *same = std::move(playbook);
            else
                m_playbooks.push_back(std::move(playbook));
        } catch (const PlaybookError &error) {
            m_problems.push_back(error.what());
        }
    }
    std::sort(m_playbooks.begin(), m_playbooks.end(),
              [](const Playbook &a, const Playbook &b) { return a.id < b.id; });
}

const Playbook *PlaybookCatalog::find(const std::string &id) const
{
    for (const auto &playbook : m_playbooks)
        if (playbook.id == id) return &playbook;
    return nullptr;
}

std::string PlaybookCatalog::defaultUserFolder()
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
                     QStringLiteral("/perfcase/playbooks");
    return folder.toStdString();
}

} // namespace perfcase
