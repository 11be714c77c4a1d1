// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include <catalog/catalog.h>
#include <document/document.h>
#include <readablestyle.h>
#include <timeline/timelinegrid.h>

#include <QApplication>
#include <QByteArray>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QPixmap>
#include <QRegularExpression>
#include <QSize>
#include <QTextStream>

#include <cstdio>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

// The example shown when Tideline starts without a plan (embedded by resources/).
constexpr auto ExamplePlan = ":/examples/customer-full-name.tideline.json";

// A screenshot, --help and --version need no screen: without an explicit platform, they run
// offscreen. This has to be decided before QApplication exists, so argv is scanned by hand.
void useOffscreenPlatformWithoutScreen(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        return;
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--screenshot" || argument.startsWith("--screenshot=") || argument == "-h"
            || argument == "--help" || argument == "--help-all" || argument == "-v"
            || argument == "--version") {
            qputenv("QT_QPA_PLATFORM", "offscreen");
            return;
        }
    }
}

// Whether -platform NAME was given on the command line.
bool platformChosen(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "-platform" || argument == "--platform" || argument.startsWith("-platform=")
            || argument.startsWith("--platform="))
            return true;
    }
    return false;
}

// True when the window has nowhere to go: on X11/Wayland systems no platform was chosen
// (QT_QPA_PLATFORM, -platform) and neither DISPLAY nor WAYLAND_DISPLAY is set. Qt would stop
// with SIGABRT there; Tideline says so instead.
bool noDisplay(int argc, char **argv)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS) && !defined(Q_OS_ANDROID)
    return !qEnvironmentVariableIsSet("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
           && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") && !platformChosen(argc, argv);
#else
    Q_UNUSED(argc)
    Q_UNUSED(argv)
    return false;
#endif
}

// Runs the event loop until the document's engine run and review are in.
void waitForCheck(Tideline::Document *document)
{
    if (!document->isChecking())
        return;
    QEventLoop loop;
    QObject::connect(document, &Tideline::Document::checkingChanged, &loop, [&loop](bool checking) {
        if (!checking)
            loop.quit();
    });
    loop.exec();
}

// "1600x1000" → QSize; invalid for anything else.
QSize parseSize(const QString &text)
{
    static const QRegularExpression pattern(u"^(\\d{2,5})[xX](\\d{2,5})$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return {};
    return {match.captured(1).toInt(), match.captured(2).toInt()};
}

} // namespace

int main(int argc, char *argv[])
{
    useOffscreenPlatformWithoutScreen(argc, argv);
    if (noDisplay(argc, argv)) {
        std::fputs("tideline: no display here (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot "
                   "open. Run it on a desktop, render the window to a PNG with --screenshot FILE, or choose a "
                   "platform with QT_QPA_PLATFORM.\n",
                   stderr);
        return 2;
    }

    // A DISPLAY that names no reachable X server makes Qt abort as well: offscreen is the
    // fallback Qt tries next, and landing there means the window had nowhere to go.
    const bool reachableDisplayWanted = !qEnvironmentVariableIsSet("QT_QPA_PLATFORM")
                                        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") && !platformChosen(argc, argv);
    if (reachableDisplayWanted)
        qputenv("QT_QPA_PLATFORM", "xcb;offscreen");

    QApplication app(argc, argv);
    if (reachableDisplayWanted && QGuiApplication::platformName() == QLatin1String("offscreen")) {
        std::fprintf(stderr,
                     "tideline: cannot connect to the display %s, so the window cannot open. Check DISPLAY (is "
                     "the X server running, may you use it?), render the window to a PNG with --screenshot "
                     "FILE, or choose a platform with QT_QPA_PLATFORM.\n",
                     qgetenv("DISPLAY").constData());
        return 2;
    }
    // Check boxes keep an edge in a dark palette (the platform's style draws none there).
    QApplication::setStyle(new Tideline::ReadableStyle);
    QApplication::setOrganizationName(u"Tideline"_s);
    QApplication::setOrganizationDomain(u"tideline.io"_s);
    QApplication::setApplicationName(u"Tideline"_s);
    QApplication::setApplicationDisplayName(u"Tideline"_s);
    QApplication::setApplicationVersion(QStringLiteral(TIDELINE_VERSION));
    QApplication::setDesktopFileName(u"tideline"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Release planner for zero-downtime database refactorings."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        u"PLAN"_s,
        QApplication::translate("main", "The plan to open (.tideline or .tideline.json)."),
        u"[PLAN]"_s);
    const QCommandLineOption
        screenshotOption(u"screenshot"_s,
                         QApplication::translate("main",
                                                 "Render the window to the PNG <file> and exit."),
                         u"file"_s);
    parser.addOption(screenshotOption);
    const QCommandLineOption
        sizeOption(u"size"_s,
                   QApplication::translate("main",
                                           "Window size for --screenshot, e.g. 1280x800 "
                                           "(default 1600x1000)."),
                   u"WxH"_s,
                   u"1600x1000"_s);
    parser.addOption(sizeOption);
    const QCommandLineOption
        selectOption(u"select"_s,
                     QApplication::translate("main",
                                             "With --screenshot: select a refactoring, or one of "
                                             "its steps, first."),
                     u"REFACTORING[:STEP]"_s);
    parser.addOption(selectOption);
    const QCommandLineOption
        moveOption(u"move"_s,
                   QApplication::translate("main",
                                           "With --screenshot: drop a step on a release first, as "
                                           "a drag would (a refusal shows in the picture)."),
                   u"REFACTORING:STEP:RELEASE"_s);
    parser.addOption(moveOption);
    parser.process(app);

    QTextStream err(stderr);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        err << QApplication::translate("main", "Only one PLAN can be opened.") << Qt::endl;
        return 2;
    }

    const bool example = positional.isEmpty();
    const QString planPath = example ? QString() : positional.constFirst();

    Tideline::MainWindow window;

    if (parser.isSet(screenshotOption)) {
        const QSize size = parseSize(parser.value(sizeOption));
        // Beyond 8000 a side the window cannot be painted (the backing store fails): the old
        // message then blamed the PNG file after thousands of QPainter warnings.
        if (!size.isValid() || size.width() < 200 || size.height() < 150 || size.width() > 8000
            || size.height() > 8000) {
            err << QApplication::translate("main",
                                           "--size: '%1' is not a size like 1600x1000 "
                                           "(at least 200x150, at most 8000x8000)")
                       .arg(parser.value(sizeOption))
                << Qt::endl;
            return 2;
        }
        QStringList errors;
        QString exampleError;
        bool loaded = false;
        if (example) {
            loaded = window.openExample(QString::fromLatin1(ExamplePlan), &exampleError);
            if (!loaded)
                errors << QApplication::translate("main", "The bundled example plan is missing: %1")
                              .arg(exampleError);
        } else {
            loaded = window.loadPlan(planPath, &errors);
        }
        // Laid out and polished like a shown window, but never mapped on a screen. Shown before
        // the check ends, as a user's window is: panels in hidden dock tabs (the bundle, the
        // schema, the readiness list) then wait until they are shown, instead of building
        // a bundle and their models on the GUI thread for a picture that cannot show them.
        window.setAttribute(Qt::WA_DontShowOnScreen);
        window.resetLayout(); // the same picture whatever the user's saved layout
        window.resize(size);
        window.show();
        QApplication::processEvents();
        // The engine checks the plan in a worker: the picture is of the checked plan.
        waitForCheck(window.document());
        QApplication::processEvents();
        // Selected once laid out, so that the grid scrolls the selection into its real size.
        if (loaded && parser.isSet(selectOption)) {
            const QString target = parser.value(selectOption);
            Tideline::Selection selection;
            selection.refactoring = target.section(u':', 0, 0);
            selection.step = target.section(u':', 1);
            selection.kind = selection.step.isEmpty() ? Tideline::Selection::Kind::Refactoring
                                                      : Tideline::Selection::Kind::Step;
            const int index = window.plan().refactoringIndex(selection.refactoring);
            if (index < 0) {
                err << QApplication::translate("main", "--select: the plan has no refactoring '%1'")
                           .arg(selection.refactoring)
                    << Qt::endl;
                return 2;
            }
            // An unknown step was silently ignored: the picture showed no selection, exit 0.
            const Tideline::KindSpec *kind = Tideline::Catalog::kind(window.plan().refactorings.at(index).kind);
            if (!selection.step.isEmpty() && kind && !kind->step(selection.step)) {
                err << QApplication::translate("main",
                                               "--select: refactoring '%1' has no step '%2'")
                           .arg(selection.refactoring, selection.step)
                    << Qt::endl;
                return 2;
            }
            window.document()->setSelection(selection);
        }
        if (loaded && parser.isSet(moveOption)) {
            const QStringList parts = parser.value(moveOption).split(u':');
            if (parts.size() != 3) {
                err << QApplication::translate("main",
                                               "--move: '%1' is not REFACTORING:STEP:RELEASE")
                           .arg(parser.value(moveOption))
                    << Qt::endl;
                return 2;
            }
            // What the grid asks for when a chip is dropped on a release.
            emit window.grid()->moveRequested(parts.at(0), parts.at(1), parts.at(2));
            waitForCheck(window.document());
            QApplication::processEvents();
        }
        waitForCheck(window.document());
        QApplication::processEvents();
        const QString file = parser.value(screenshotOption);
        if (!window.grab().save(file, "PNG")) {
            err << QApplication::translate("main", "%1: cannot write the screenshot")
                       .arg(QDir::toNativeSeparators(file))
                << Qt::endl;
            return 1;
        }
        for (const QString &error : std::as_const(errors))
            err << error << Qt::endl;
        // Bad input is exit code 2, as for tideline-cli; the screenshot shows the error state.
        return loaded ? 0 : 2;
    }

    window.show();
    // A failure is reported in a message box over the window.
    if (example) {
        window.openExample(QString::fromLatin1(ExamplePlan));
        window.offerUntitledRecovery(); // an untitled plan a crash left behind
    } else {
        window.openPlan(planPath);
    }
    return app.exec();
}
