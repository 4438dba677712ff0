#pragma once

#include "LogTemplateSurge.h"

#include <QAbstractTableModel>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

namespace perfcase {

class CaseFile;
class LogBlockIndex;

// The message templates of a case with their counts; with a time window,
// the templates seen in it with their count before, the rate ratio and a
// NEW mark, most surging first (LogTemplateSurge). Opens its own read-only
// connection.
class LogPatternsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Pattern,
        Count,
        Window,
        Before,
        Ratio,
        ColumnCount
    };
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit LogPatternsModel(QObject *parent = nullptr);
    ~LogPatternsModel() override;

    // Throws CaseFileError when the case cannot be opened; empty closes.
    void setCase(const QString &path);
    void refresh();
    // No window: all templates by count. Inclusive, corrected ns.
    void setWindow(std::optional<std::pair<qint64, qint64>> window,
                   LogTemplateSurge::Baseline baseline = LogTemplateSurge::Baseline::SameLength);
    bool hasWindow() const { return m_window.has_value(); }

    qint64 templateId(int row) const;
    QString pattern(int row) const;
    const LogTemplateStat *stat(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    void reload();
    void apply(quint64 generation, std::vector<LogTemplateStat> stats, const QString &error);

    QString m_path;
    std::unique_ptr<CaseFile> m_file; // proves the case opens; the counts read their own
    // Surge over a large window reads millions of rows: it runs on a pool
    // thread, and only the latest request's result is shown.
    quint64 m_generation = 0;
    std::vector<LogTemplateStat> m_stats;
    std::optional<std::pair<qint64, qint64>> m_window;
    LogTemplateSurge::Baseline m_baseline = LogTemplateSurge::Baseline::SameLength;
};

} // namespace perfcase
