#include "BlobViewer.h"

#include "BlobDecoder.h"
#include "BlobsModel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace perfcase {

BlobViewer::BlobViewer(std::shared_ptr<CaseFile> file, qint64 sourceId, const QString &sourceName,
                       const QString &origin, QWidget *parent)
    : QDialog(parent), m_blobs(new BlobsModel(this)), m_origin(new QLineEdit(origin, this)),
      m_choice(new QComboBox(this)), m_note(new QLabel(this)), m_text(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Collected output of %1").arg(sourceName));
    m_origin->setReadOnly(true); // selectable and copyable, never edited
    m_origin->setCursorPosition(0);
    m_choice->setModel(m_blobs);
    m_note->setWordWrap(true);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *form = new QFormLayout;
    form->addRow(tr("Command:"), m_origin);
    form->addRow(tr("Output:"), m_choice);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(900, 600);

    m_blobs->setCaseFile(std::move(file));
    m_blobs->setSource(sourceId);
    connect(m_choice, &QComboBox::currentIndexChanged, this, &BlobViewer::showBlob);
    if (m_blobs->rowCount() > 0)
        showBlob(0);
    else
        m_note->setText(tr("This source has no stored output."));
}

int BlobViewer::blobCount() const
{
    return m_blobs->rowCount();
}

void BlobViewer::showBlob(int row)
{
    if (row < 0 || row >= m_blobs->rowCount()) return;
    if (m_choice->currentIndex() != row) {
        m_choice->setCurrentIndex(row); // currentIndexChanged shows it
        return;
    }
    const BlobDecoder::Result decoded =
        BlobDecoder::decode(m_blobs->content(row), m_blobs->compression(row));
    QStringList notes;
    if (!decoded.note.isEmpty()) notes << decoded.note;
    if (decoded.cut)
        notes << tr("Only the first %1 are shown.")
                     .arg(QLocale().formattedDataSize(decoded.bytes.size()));
    m_note->setText(notes.join(QLatin1Char(' ')));
    m_note->setVisible(!notes.isEmpty());
    m_text->setPlainText(QString::fromUtf8(decoded.bytes));
}

QString BlobViewer::origin() const
{
    return m_origin->text();
}

QString BlobViewer::text() const
{
    return m_text->toPlainText();
}

QString BlobViewer::note() const
{
    return m_note->text();
}

} // namespace perfcase
