// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <memory>

class QFileDevice;

namespace Tideline {

/**
 * A file every writer of Tideline writes through (bundles, reports, exports): what is written
 * appears whole or not at all, and a failure names the path and the operating system's reason
 * ("cannot write /x/report.pdf: No space left on device").
 *
 * A regular file (or a new one) is written through QSaveFile: a temporary file beside it that
 * replaces it on commit(), so a failed write leaves the old file whole. QSaveFile alone is not
 * enough: QFile takes a short write (a full disk) as a success and returns the count, and
 * QSaveFile then commits a cut file. Here every short write is retried until the system says
 * why it cannot go on, and that error fails commit(). A path that exists and is not a regular
 * file (a device such as /dev/stdout, a FIFO) is written in place: QSaveFile would replace the
 * device node with a regular file.
 *
 * It is a QIODevice, so that writers that take a device (QPdfWriter, which ignores the results
 * of its own writes) are checked too.
 */
class OutputFile : public QIODevice
{
public:
    explicit OutputFile(const QString &path);
    ~OutputFile() override;

    /** Opens for writing; false with @p error set ("cannot write PATH: reason"). */
    bool begin(QString *error);
    /** Flushes and puts the file in place; false with @p error set when any write, the flush
     *  or the rename failed, and then the old file (if any) is as it was. */
    bool commit(QString *error);
    /** Drops what was written: the old file stays as it was. */
    void cancel();

    /** The message of a failed write: "cannot write PATH: REASON". */
    static QString failure(const QString &path, const QString &reason);
    /** begin(), write @p data, commit() in one call. */
    static bool writeAll(const QString &path, const QByteArray &data, QString *error);

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 length) override;

private:
    QString m_path;
    std::unique_ptr<QFileDevice> m_file;
    bool m_inPlace = false;
    QString m_failure; // the first write's error, kept for commit()
};

} // namespace Tideline
