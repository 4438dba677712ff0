#pragma once

#include <QString>
#include <QStringList>

namespace perfcase {

// The cases opened lately, newest first, kept in QSettings. Files that no
// longer exist are dropped when the list is read, so the menu never offers a
// dead entry.
class RecentFiles
{
public:
    static constexpr int DefaultMaximum = 10;

    explicit RecentFiles(QString settingsKey = QStringLiteral("recentFiles"),
                         int maximum = DefaultMaximum);

    // Existing files only; forgets the others.
    QStringList files();
    // Moves path (made absolute) to the front, keeping at most maximum().
    void add(const QString &path);
    void remove(const QString &path);
    void clear();
    int maximum() const { return m_maximum; }

private:
    QStringList stored() const;
    void store(const QStringList &files);

    QString m_key;
    int m_maximum;
};

} // namespace perfcase
