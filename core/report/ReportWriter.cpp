#include "ReportWriter.h"

#include "CaseFile.h"
#include "Redactor.h"

#include <QAbstractTextDocumentLayout>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QScreen>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextImageFormat>
#include <QUrl>
#include <vector>

namespace perfcase::ReportWriter {

namespace {

// Images come in at their pixel size; a figure is as wide as the text. The
// fragments are collected first: changing formats while walking them splits
// and revisits fragments.
void fitImages(QTextDocument &document, double textWidth, double deviceDpi)
{
    // QTextImageHandler scales an image's width and height by the paint
    // device's DPI over the screen's (qt_defaultDpi): give them in screen
    // pixels so the figure ends up as wide as the text.
    const QScreen *screen = QGuiApplication::primaryScreen();
    const double screenDpi = screen ? screen->logicalDotsPerInchX() : 96.0;
    textWidth = textWidth * screenDpi / deviceDpi;
    struct Image
    {
        int position, length;
        QTextImageFormat format;
    };
    std::vector<Image> images;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            QTextFragment fragment = it.fragment();
            QTextImageFormat format = fragment.charFormat().toImageFormat();
            if (format.isValid())
                images.push_back({fragment.position(), fragment.length(), format});
        }
    }
    for (auto &[position, length, format] : images) {
        QImage image =
            document.resource(QTextDocument::ImageResource, QUrl(format.name())).value<QImage>();
        if (image.isNull() || image.width() == 0) continue;
        format.setWidth(textWidth);
        format.setHeight(textWidth * image.height() / image.width());
        QTextCursor cursor(&document);
        cursor.setPosition(position);
        cursor.setPosition(position + length, QTextCursor::KeepAnchor);
        cursor.setCharFormat(format);
    }
}

} // namespace

std::string assetPrefixFor(const std::string &markdownPath)
{
    return QFileInfo(QString::fromStdString(markdownPath)).completeBaseName().toStdString() +
           ".assets/";
}

void writeMarkdown(const Report &report, const std::string &path)
{
    QFileInfo info(QString::fromStdString(path));
    if (!report.figures.empty()) {
        QDir assets(info.absolutePath() + QLatin1Char('/') +
                    QString::fromStdString(assetPrefixFor(path)));
        if (!assets.mkpath(QStringLiteral(".")))
            throw ReportError(assets.path().toStdString() + ": cannot create the folder");
        for (const auto &figure : report.figures) {
            QString file = assets.filePath(QString::fromStdString(figure.name));
            if (!figure.image.save(file, "PNG"))
                throw ReportError(file.toStdString() + ": cannot write");
        }
    }
    QSaveFile file(info.filePath());
    if (!file.open(QIODevice::WriteOnly))
        throw ReportError(path + ": " + file.errorString().toStdString());
    file.write(report.markdown.data(), qint64(report.markdown.size()));
    if (!file.commit()) throw ReportError(path + ": " + file.errorString().toStdString());
}

void writePdf(const Report &report, const std::string &path, PageSize page,
              const std::string &footerTitle)
{
    QPdfWriter writer(QString::fromStdString(path));
    writer.setResolution(300);
    writer.setPageSize(QPageSize(page == PageSize::A4 ? QPageSize::A4 : QPageSize::Letter));
    writer.setPageMargins(QMarginsF(18, 16, 18, 20), QPageLayout::Millimeter);
    writer.setTitle(QString::fromStdString(footerTitle));
    writer.setCreator(QStringLiteral("Perfcase"));

    QTextDocument document;
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(9.5);
    document.setDefaultFont(font);
    // Without the writer as paint device the text is laid out for the
    // screen and comes out tiny at the writer's resolution (Qt 6.4).
    document.documentLayout()->setPaintDevice(&writer);
    document.setMarkdown(QString::fromStdString(report.markdown),
                         QTextDocument::MarkdownFeatures(QTextDocument::MarkdownDialectGitHub |
                                                         QTextDocument::MarkdownNoHTML));
    // setMarkdown() clears the resources: the figures go in afterwards.
    for (const auto &figure : report.figures)
        document.addResource(QTextDocument::ImageResource,
                             QUrl(QString::fromStdString(figure.name)), figure.image);
    const QRectF body = writer.pageLayout().paintRectPixels(writer.resolution());
    const double footerHeight = writer.resolution() * 0.25; // a quarter inch
    const QSizeF pageBody(body.width(), body.height() - footerHeight);
    document.setPageSize(pageBody);
    fitImages(document, document.textWidth() - 2 * document.documentMargin(), writer.resolution());
    document.setPageSize(pageBody); // relayout with the images' sizes

    QPainter painter;
    if (!painter.begin(&writer)) throw ReportError(path + ": cannot write the PDF");
    const int pages = document.pageCount();
    QFont footerFont = font;
    footerFont.setPointSizeF(8);
    for (int pageIndex = 0; pageIndex < pages; ++pageIndex) {
        if (pageIndex > 0) writer.newPage();
        painter.save();
        painter.translate(0, -pageIndex * pageBody.height());
        QRectF clip(0, pageIndex * pageBody.height(), pageBody.width(), pageBody.height());
        QAbstractTextDocumentLayout::PaintContext context;
        context.clip = clip;
        painter.setClipRect(clip);
        document.documentLayout()->draw(&painter, context);
        painter.restore();
        painter.setFont(footerFont);
        painter.setPen(QColor(90, 90, 90));
        QRectF footer(0, pageBody.height(), pageBody.width(), footerHeight);
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignBottom,
                         QString::fromStdString(footerTitle));
        painter.drawText(footer, Qt::AlignRight | Qt::AlignBottom,
                         QStringLiteral("Page %1 of %2").arg(pageIndex + 1).arg(pages));
    }
    if (!painter.end()) throw ReportError(path + ": cannot finish the PDF");
}

void write(const std::string &casePath, const Playbook &playbook, const PlaybookResult &result,
           FigureRenderer *figures, const std::string &path, Format format, PageSize page)
{
    std::string caseUuid, title;
    {
        auto file = CaseFile::open(casePath, CaseFile::Access::ReadOnly);
        caseUuid = file->meta("case_uuid");
        title = file->meta("title");
    }
    Redactor redactor(Redactor::keyForCase(caseUuid));
    ReportBuilder builder(casePath, playbook, result);
    builder.setFigureRenderer(figures);
    builder.setRedactor(&redactor);
    if (format == Format::Markdown) {
        builder.setAssetPrefix(assetPrefixFor(path));
        writeMarkdown(builder.build(), path);
    } else {
        writePdf(builder.build(), path, page, title + " — " + playbook.title);
    }
}

} // namespace perfcase::ReportWriter
