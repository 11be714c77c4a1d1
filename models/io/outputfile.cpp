// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "outputfile.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace Tideline {

OutputFile::OutputFile(const QString &path)
    : m_path(path)
{
}

OutputFile::~OutputFile()
{
    cancel();
}

QString OutputFile::failure(const QString &path, const QString &reason)
{
    return QStringLiteral("cannot write %1: %2").arg(path, reason);
}

bool OutputFile::begin(QString *error)
{
    const QFileInfo info(m_path);
    if (info.isDir()) {
        *error = failure(m_path, QStringLiteral("it is a folder"));
        return false;
    }
    // Unbuffered: every write reaches the system at once, so a short one is seen where it
    // happens (a buffered QFile reports the flush of a cut buffer as "Unknown error").
    const QIODevice::OpenMode mode = QIODevice::WriteOnly | QIODevice::Unbuffered;
    m_inPlace = info.exists() && !info.isFile();
    if (m_inPlace)
        m_file = std::make_unique<QFile>(m_path);
    else
        m_file = std::make_unique<QSaveFile>(m_path);
    if (!m_file->open(mode)) {
        QString reason = m_file->errorString();
        // QSaveFile words an existing file it may not replace its own way ("Existing file … is
        // not writable"); the system's reason (read-only file system, permission denied) is
        // asked with an open that changes nothing.
        if (info.exists()) {
            QFile probe(m_path);
            if (!probe.open(QIODevice::WriteOnly | QIODevice::Append))
                reason = probe.errorString();
        }
        *error = failure(m_path, reason);
        m_file.reset();
        return false;
    }
    m_failure.clear();
    return QIODevice::open(mode);
}

qint64 OutputFile::writeData(const char *data, qint64 length)
{
    if (!m_file || !m_failure.isEmpty())
        return -1;
    qint64 done = 0;
    while (done < length) {
        const qint64 written = m_file->write(data + done, length - done);
        if (written <= 0) {
            // After a short write the next one fails with the reason (ENOSPC, EIO, EFBIG...).
            m_failure = m_file->error() != QFileDevice::NoError ? m_file->errorString()
                                                                 : QStringLiteral("the write was cut short");
            setErrorString(m_failure);
            return -1;
        }
        done += written;
    }
    return length;
}

bool OutputFile::commit(QString *error)
{
    if (!m_file) {
        *error = failure(m_path, QStringLiteral("the file is not open"));
        return false;
    }
    QIODevice::close();
    if (m_failure.isEmpty() && !m_file->flush())
        m_failure = m_file->errorString();
    if (!m_failure.isEmpty()) {
        *error = failure(m_path, m_failure);
        cancel();
        return false;
    }
    bool ok = true;
    if (auto *save = qobject_cast<QSaveFile *>(m_file.get())) {
        ok = save->commit();
    } else {
        m_file->close();
        ok = m_file->error() == QFileDevice::NoError;
    }
    if (!ok)
        *error = failure(m_path, m_file->errorString());
    m_file.reset();
    return ok;
}

void OutputFile::cancel()
{
    if (!m_file)
        return;
    if (auto *save = qobject_cast<QSaveFile *>(m_file.get()))
        save->cancelWriting(); // the temporary file goes, the old file stays
    m_file.reset();
    if (isOpen())
        QIODevice::close();
}

bool OutputFile::writeAll(const QString &path, const QByteArray &data, QString *error)
{
    OutputFile file(path);
    if (!file.begin(error))
        return false;
    if (file.QIODevice::write(data) != data.size()) {
        *error = failure(path, file.errorString());
        file.cancel();
        return false;
    }
    return file.commit(error);
}

} // namespace Tideline
