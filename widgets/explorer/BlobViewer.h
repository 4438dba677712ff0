#pragma once

#include <QDialog>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace perfcase {

class BlobsModel;
class CaseFile;

// A read-only window on the raw output a collector stored for a source
// (the `blobs` rows), with the command that produced it, so an engineer
// can check exactly what was seen. gzip and bzip2 blobs are decompressed
// (capped: BlobDecoder); text is shown as UTF-8, invalid bytes replaced.
class BlobViewer : public QDialog
{
    Q_OBJECT

public:
    BlobViewer(std::shared_ptr<CaseFile> file, qint64 sourceId, const QString &sourceName,
               const QString &origin, QWidget *parent = nullptr);

    int blobCount() const;
    void showBlob(int row);
    QString origin() const;
    QString text() const;
    // What the viewer says about the shown blob (cut, compression, corruption).
    QString note() const;

private:
    BlobsModel *m_blobs;
    QLineEdit *m_origin;
    QComboBox *m_choice;
    QLabel *m_note;
    QPlainTextEdit *m_text;
};

} // namespace perfcase
