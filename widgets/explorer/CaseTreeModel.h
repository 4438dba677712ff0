#pragma once

#include <QAbstractItemModel>
#include <QString>
#include <QVector>
#include <memory>
#include <optional>

namespace perfcase {

class CaseFile;

// The case as a two-level tree: each ready source, and under it its tracks.
// Source rows read `sources` (warnings and the clock residual are not in
// v_sources); track rows read v_tracks. Columns are shared: a track shows
// its unit under "Format / unit" and its row_count under "Records / rows".
class CaseTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column
    {
        Name,
        Kind,
        Format,  // a source's format, a track's unit
        Records, // a source's records, a track's row_count
        Rejected,
        Warnings,
        State,
        FirstTime,
        LastTime,
        Clock,
        Labels,
        ColumnCount
    };
    enum Role
    {
        SourceIdRole = Qt::UserRole + 1, // on every row: the source (of the track)
        TrackIdRole,                     // on track rows; 0 on source rows
        OriginRole,                      // the source's origin (path or command)
    };

    explicit CaseTreeModel(QObject *parent = nullptr);
    ~CaseTreeModel() override;

    // Reads through `file` (read-only, GUI thread); null empties the model.
    // Throws what the first read throws (the model is then empty).
    void setCaseFile(std::shared_ptr<CaseFile> file);
    // Re-reads sources and tracks (after an import); a failure empties the
    // model and is reported through errorOccurred().
    void refresh();

    QModelIndex sourceIndex(qint64 sourceId, int column = Name) const;
    QModelIndex trackIndex(qint64 trackId, int column = Name) const;
    bool isSource(const QModelIndex &index) const;
    QString origin(qint64 sourceId) const;
    // Records of all sources (the status bar's count).
    qint64 totalRecords() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    struct Track
    {
        qint64 id = 0;
        QString kind, name, unit, labels;
        qint64 rows = 0;
    };
    struct Source
    {
        qint64 id = 0;
        QString name, origin, kind, format, state, clockDomain, clockOrigin;
        qint64 records = 0, rejected = 0, warnings = 0, clockOffsetNs = 0;
        std::optional<qint64> firstTs, lastTs, clockResidualNs;
        bool unaligned = false;
        QVector<Track> tracks;
    };
    QVector<Source> load();
    QVariant sourceData(const Source &source, int column, int role) const;
    QVariant trackData(const Source &source, const Track &track, int column, int role) const;
    QString clockText(const Source &source) const;

    std::shared_ptr<CaseFile> m_file;
    QVector<Source> m_sources;
};

} // namespace perfcase
