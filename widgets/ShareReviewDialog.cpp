#include "ShareReviewDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace perfcase {

ShareReviewDialog::ShareReviewDialog(const Review &review, QWidget *parent)
    : QDialog(parent), m_rules(new QTreeWidget), m_samples(new QTreeWidget)
{
    setWindowTitle(tr("Review the Shared Copy"));
    qint64 total = 0;
    for (const auto &[rule, count] : review.perRule)
        total += count;
    auto *summary = new QLabel(
        tr("<p><b>%1 secret(s) redacted</b> in the copy for %2; %3 marker(s) already in the case "
           "were re-keyed.</p><p>The originals are kept on this machine only, readable by you "
           "alone:<br><code>%4</code></p>")
            .arg(QLocale().toString(total),
                 QDir::toNativeSeparators(review.outPath).toHtmlEscaped(),
                 QLocale().toString(review.rekeyed),
                 review.mappingPath.isEmpty()
                     ? tr("(nothing to keep)")
                     : QDir::toNativeSeparators(review.mappingPath).toHtmlEscaped()));
    summary->setWordWrap(true);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_rules->setHeaderLabels({tr("Rule"), tr("Redacted")});
    m_rules->setRootIsDecorated(false);
    for (const auto &[rule, count] : review.perRule)
        new QTreeWidgetItem(m_rules, {rule, QLocale().toString(count)});
    m_rules->header()->setSectionResizeMode(0, QHeaderView::Stretch);

    m_samples->setHeaderLabels({tr("Where"), tr("As the teammate reads it")});
    m_samples->setRootIsDecorated(false);
    for (const auto &[where, text] : review.samples) {
        auto *item = new QTreeWidgetItem(m_samples, {where, text.left(400)});
        item->setToolTip(1, text.left(2000));
    }
    m_samples->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *buttons = new QDialogButtonBox;
    QPushButton *save = buttons->addButton(tr("&Save"), QDialogButtonBox::AcceptRole);
    buttons->addButton(tr("&Discard"), QDialogButtonBox::RejectRole);
    save->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(m_rules, 1);
    layout->addWidget(new QLabel(tr("Redacted texts (the first few):")));
    layout->addWidget(m_samples, 2);
    layout->addWidget(buttons);
    resize(760, 560);
}

} // namespace perfcase
