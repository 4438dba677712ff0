#include "PrivateKeyFile.h"

#include <QByteArray>
#include <QFile>

namespace perfcase {

namespace {

// Reads an SSH wire-format string (uint32 length + bytes) at offset.
bool readString(const QByteArray &data, qsizetype &offset, QByteArray &out)
{
    if (offset + 4 > data.size()) return false;
    const auto *p = reinterpret_cast<const unsigned char *>(data.constData() + offset);
    const quint32 length =
        (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3];
    offset += 4;
    if (length > quint32(data.size() - offset)) return false;
    out = data.mid(offset, length);
    offset += length;
    return true;
}

// The body of "-----BEGIN OPENSSH PRIVATE KEY-----" (PROTOCOL.key): magic,
// cipher, kdf, kdf options, key count, then the first public key, whose
// first string is its type.
void inspectOpenSsh(const QByteArray &pem, PrivateKeyFile &key)
{
    QByteArray base64;
    for (const QByteArray &line : pem.split('\n'))
        if (!line.startsWith("-----")) base64 += line.trimmed();
    const QByteArray data = QByteArray::fromBase64(base64);
    static const QByteArray magic("openssh-key-v1", 15); // with its NUL
    if (!data.startsWith(magic)) return;
    qsizetype offset = magic.size();
    QByteArray cipher, kdf, kdfOptions, publicKey, type;
    if (!readString(data, offset, cipher) || !readString(data, offset, kdf) ||
        !readString(data, offset, kdfOptions) || offset + 4 > data.size())
        return;
    offset += 4; // number of keys
    if (!readString(data, offset, publicKey)) return;
    qsizetype inner = 0;
    if (!readString(publicKey, inner, type)) return;
    key.encrypted = cipher != "none";
    key.type = type.toStdString();
}

} // namespace

PrivateKeyFile PrivateKeyFile::inspect(const std::string &path)
{
    PrivateKeyFile key;
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) return key;
    const QByteArray pem = file.read(64 * 1024);
    key.readable = true;
    if (pem.contains("BEGIN OPENSSH PRIVATE KEY")) {
        inspectOpenSsh(pem, key);
    } else if (pem.contains("BEGIN RSA PRIVATE KEY")) {
        key.type = "ssh-rsa";
        key.encrypted = pem.contains("ENCRYPTED");
    } else if (pem.contains("BEGIN EC PRIVATE KEY")) {
        key.type = "ecdsa-sha2-nistp256"; // the curve is in the ASN.1; the family is enough here
        key.encrypted = pem.contains("ENCRYPTED");
    } else if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
        key.encrypted = true; // PKCS#8: type unknown until decrypted
    }
    return key;
}

} // namespace perfcase
