#include "RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace perfcase {

RecentFiles::RecentFiles(QString settingsKey, int maximum)
    : m_key(std::move(settingsKey)), m_maximum(maximum > 0 ? maximum : DefaultMaximum)
{}

QStringList RecentFiles::stored() const
{
    return QSettings().value(m_key).toStringList();
}

void RecentFiles::store(const QStringList &files)
{
    QSettings settings;
    if (files.isEmpty())
        settings.remove(m_key);
    else
        settings.setValue(m_key, files);
}

QStringList RecentFiles::files()
{
    const QStringList all = stored();
    QStringList existing;
    for (const QString &path : all) {
        if (QFileInfo(path).isFile() && existing.size() < m_maximum) existing.append(path);
    }
    if (existing != all) store(existing);
    return existing;
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = stored();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > m_maximum)
        list.removeLast();
    store(list);
}

void RecentFiles::remove(const QString &path)
{
    QStringList list = stored();
    if (list.removeAll(QFileInfo(path).absoluteFilePath()) > 0) store(list);
}

void RecentFiles::clear()
{
    store({});
}

} // namespace perfcase
