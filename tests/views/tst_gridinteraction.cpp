// SPDX-FileCopyrightText: 2026 Tideline authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The keyboard and direct manipulation in the main window (issue 13, items 7 and 10): Tab
// leaves and re-enters the timeline, every shortcut is in a menu, a step moved from the
// keyboard is scrolled into view, and the grid's context menus and double-clicks edit what
// they are on. Driven through the real window's widgets, offscreen.

#include "screenshots.h"
#include "widgetdriver.h"

#include <mainwindow.h>

#include <dialogs/refactoringwizard.h>
#include <dialogs/releasedialog.h>
#include <document/document.h>
#include <io/planfile.h>
#include <timeline/timelinegrid.h>

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QMenuBar>
#include <QScrollBar>
#include <QShortcut>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Tideline;

namespace {

bool settled(const MainWindow &window)
{
    if (!QTest::qWaitFor([&window] { return !window.document()->isChecking(); }, 60000))
        return false;
    QCoreApplication::sendPostedEvents();
    return true;
}

QString describe(const QWidget *widget)
{
    return widget ? u"%1 %2"_s.arg(QString::fromLatin1(widget->metaObject()->className()),
                                   widget->objectName())
                  : u"nothing"_s;
}

/** Whether the chip of @p step lies within the grid's viewport as it is scrolled now
 *  (computed from the layout, without asking the grid, which would scroll to it). */
bool chipVisible(TimelineGrid *grid, const QString &refactoring, const QString &step)
{
    const int chip = grid->model()->chipIndex(refactoring, step);
    if (chip < 0)
        return false;
    const int header = grid->layout().metrics().laneHeaderWidth;
    const QRect content = grid->layout().chipRect(chip);
    const int left = content.left() - grid->horizontalScrollBar()->value() + header;
    return left >= header && left + content.width() <= grid->viewport()->width();
}

QStringList menuActions(const QMenu *menu)
{
    QStringList names;
    for (const QAction *action : menu->actions()) {
        if (!action->isSeparator())
            names << action->objectName();
    }
    return names;
}

void reachable(const QList<QAction *> &actions, QSet<const QAction *> *found)
{
    for (QAction *action : actions) {
        found->insert(action);
        if (action->menu())
            reachable(action->menu()->actions(), found);
    }
}

} // namespace

class tst_GridInteraction : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void tabLeavesAndReentersTheTimeline();
    void everyShortcutIsInAMenu();
    void movedStepIsScrolledIntoView();
    void contextMenus();
    void doubleClickEdits();
    void screenshots_data();
    void screenshots();

private:
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_home; // XDG_DATA_HOME: autosaves of the edits here stay out of the user's
    TimelineGrid *grid() const { return m_window->grid(); }
    /** The window's plan saved (File › Save As) and read back from that file. */
    Plan savedAndRead();
};

void tst_GridInteraction::initTestCase()
{
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
}

void tst_GridInteraction::init()
{
    m_window = std::make_unique<MainWindow>();
    m_window->resize(1000, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->loadPlan(QStringLiteral(TIDELINE_EXAMPLES "/customer-full-name.tideline.json")));
    QVERIFY(settled(*m_window));
    QVERIFY(grid()->isVisible());
}

void tst_GridInteraction::cleanup()
{
    m_window.reset();
}

Plan tst_GridInteraction::savedAndRead()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"saved.tideline.json"_s);
    QString error;
    if (!m_window->savePlan(path, &error))
        qWarning() << "cannot save" << error;
    Plan saved;
    QList<PlanError> errors;
    PlanFile::load(path, &saved, &errors);
    return saved;
}

void tst_GridInteraction::tabLeavesAndReentersTheTimeline()
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    for (const Qt::Key key : {Qt::Key_Tab, Qt::Key_Backtab}) {
        grid()->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(grid()->hasFocus());
        QList<QWidget *> visited;
        for (int i = 0; i < 200; ++i) {
            QWidget *from = QApplication::focusWidget();
            QVERIFY(from);
            QTest::keyClick(from, key, key == Qt::Key_Backtab ? Qt::ShiftModifier : Qt::NoModifier);
            QWidget *to = QApplication::focusWidget();
            if (i == 0) // one Tab leaves the timeline
                QVERIFY2(to != grid(), "Tab stayed in the timeline");
            if (to == grid())
                break;
            // Each stop once: a widget that keeps the key (or a cycle without the grid) is a trap.
            QVERIFY2(!visited.contains(to), qPrintable(u"focus trapped at "_s + describe(to)));
            visited << to;
        }
        QVERIFY2(grid()->hasFocus(),
                 qPrintable(u"Tab never came back to the timeline; last at "_s
                            + describe(QApplication::focusWidget())));
        QVERIFY(!visited.isEmpty());
    }
}

void tst_GridInteraction::everyShortcutIsInAMenu()
{
    QSet<const QAction *> inMenus;
    reachable(m_window->menuBar()->actions(), &inMenus);
    const QList<QAction *> actions = m_window->findChildren<QAction *>();
    for (const QAction *action : actions) {
        if (action->shortcut().isEmpty())
            continue;
        QVERIFY2(inMenus.contains(action),
                 qPrintable(action->text() + u" ("_s + action->shortcut().toString()
                            + u") is in no menu"_s));
    }
    QVERIFY(m_window->findChildren<QShortcut *>().isEmpty()); // shortcuts are menu actions

    // The grid's step moves are Refactoring › Step's.
    auto *stepMenu = m_window->findChild<QMenu *>(u"stepMenu"_s);
    QVERIFY(stepMenu);
    QStringList shortcuts;
    for (const QAction *action : stepMenu->actions())
        shortcuts << action->shortcut().toString(QKeySequence::PortableText);
    QCOMPARE(shortcuts, (QStringList{u"Ctrl+Shift+Left"_s, u"Ctrl+Shift+Right"_s}));
}

void tst_GridInteraction::movedStepIsScrolledIntoView()
{
    grid()->setZoom(3.0); // about one release a screen
    Selection step;
    step.kind = Selection::Kind::Step;
    step.refactoring = u"full-name"_s;
    step.step = u"contract"_s;
    m_window->document()->setSelection(step);
    QVERIFY(chipVisible(grid(), u"full-name"_s, u"contract"_s));
    const int chip = grid()->model()->chipIndex(u"full-name"_s, u"contract"_s);
    QCOMPARE(grid()->model()->chips().at(chip).releaseId, u"r4"_s); // moved there in the file
    // Where it will go is off-screen now, so only following it brings it into view.
    const int target = grid()->model()->column(3, grid()->model()->chips().at(chip).phase);
    QVERIFY(grid()->layout().columnX(target) + grid()->layout().columnWidth(target)
            < grid()->horizontalScrollBar()->value());

    grid()->setFocus();
    QTest::keyClick(grid(), Qt::Key_Left, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(settled(*m_window));
    QTRY_COMPARE(grid()->model()->chips().at(grid()->model()->chipIndex(u"full-name"_s, u"contract"_s))
                     .releaseId,
                 u"r3"_s);
    QTRY_VERIFY(chipVisible(grid(), u"full-name"_s, u"contract"_s));

    const Plan saved = savedAndRead();
    // r3 is where the kind puts the contract (start r1 + 2): the move to r4 is gone.
    const Refactoring &fullName = saved.refactorings.at(saved.refactoringIndex(u"full-name"_s));
    QVERIFY2(!fullName.moves.contains(u"contract"_s), qPrintable(fullName.moves.value(u"contract"_s)));
}

void tst_GridInteraction::contextMenus()
{
    const auto openMenu = [this](const QRect &on) -> QMenu * {
        QContextMenuEvent event(QContextMenuEvent::Mouse, on.center(),
                                grid()->viewport()->mapToGlobal(on.center()));
        QApplication::sendEvent(grid()->viewport(), &event);
        auto *menu = m_window->findChild<QMenu *>(u"gridContextMenu"_s);
        return menu && menu->isVisible() ? menu : nullptr;
    };

    QMenu *menu = openMenu(grid()->chipRect(u"full-name"_s, u"contract"_s));
    QVERIFY(menu);
    QCOMPARE(m_window->document()->selection().step, u"contract"_s);
    QCOMPARE(menuActions(menu), (QStringList{u"moveStepEarlierAction"_s, u"moveStepLaterAction"_s,
                                             u"editRefactoringAction"_s,
                                             u"deleteRefactoringAction"_s}));
    menu->close();
    QTRY_VERIFY(!m_window->findChild<QMenu *>(u"gridContextMenu"_s));

    menu = openMenu(grid()->laneHeaderRect(u"full-name-required"_s));
    QVERIFY(menu);
    QCOMPARE(menuActions(menu), (QStringList{u"editRefactoringAction"_s,
                                             u"deleteRefactoringAction"_s,
                                             u"newRefactoringAction"_s}));
    menu->close();
    QTRY_VERIFY(!m_window->findChild<QMenu *>(u"gridContextMenu"_s));

    menu = openMenu(grid()->releaseHeaderRect(u"r2"_s));
    QVERIFY(menu);
    const QStringList names = menuActions(menu);
    for (const QString &name : {u"editReleaseAction"_s, u"markDeployedAction"_s,
                                u"reopenReleaseAction"_s, u"deleteReleaseAction"_s,
                                u"moveReleaseLeftAction"_s})
        QVERIFY2(names.contains(name), qPrintable(names.join(u", "_s)));
    // Mark Deployed from the menu, as a user clicks it.
    QAction *deployed = m_window->findChild<QAction *>(u"markDeployedAction"_s);
    QVERIFY(deployed->isEnabled());
    QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(deployed).center());
    QTRY_COMPARE(m_window->plan().release(u"r2"_s)->status, Release::Status::Deployed);

    const Plan saved = savedAndRead();
    QCOMPARE(saved.release(u"r2"_s)->status, Release::Status::Deployed);
}

void tst_GridInteraction::doubleClickEdits()
{
    struct Case
    {
        std::function<QRect()> where;
        QString dialog;
        Selection::Kind selected;
    };
    const QList<Case> cases{
        {[this] { return grid()->chipRect(u"full-name"_s, u"contract"_s); },
         u"Tideline::RefactoringWizard"_s, Selection::Kind::Step},
        {[this] { return grid()->laneHeaderRect(u"full-name"_s); }, u"Tideline::RefactoringWizard"_s,
         Selection::Kind::Refactoring},
        {[this] { return grid()->releaseHeaderRect(u"r3"_s); }, u"Tideline::ReleaseDialog"_s,
         Selection::Kind::Release},
    };
    for (const Case &c : cases) {
        QString opened;
        WidgetDriver::onNextDialog([&opened](QDialog *dialog) {
            opened = QString::fromLatin1(dialog->metaObject()->className());
            dialog->reject();
        });
        QTest::mouseDClick(grid()->viewport(), Qt::LeftButton, {}, c.where().center());
        QTRY_COMPARE(opened, c.dialog);
        QCOMPARE(m_window->document()->selection().kind, c.selected);
        QVERIFY(!m_window->document()->isModified()); // rejected: nothing changed
    }

    // Enter on the selection does what a double-click does.
    QString opened;
    WidgetDriver::onNextDialog([&opened](QDialog *dialog) {
        opened = QString::fromLatin1(dialog->metaObject()->className());
        dialog->reject();
    });
    grid()->setFocus();
    QTest::keyClick(grid(), Qt::Key_Return);
    QTRY_COMPARE(opened, u"Tideline::ReleaseDialog"_s);
}

void tst_GridInteraction::screenshots_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void tst_GridInteraction::screenshots()
{
    if (Screenshots::directory().isEmpty())
        QSKIP("TIDELINE_SCREENSHOT_DIR is not set");
    QFETCH(bool, dark);
    const QPalette original = QApplication::palette();
    Screenshots::usePalette(dark);
    m_window->resize(1280, 800);
    QVERIFY(settled(*m_window));
    const QRect on = grid()->chipRect(u"full-name"_s, u"stop_old"_s);
    QContextMenuEvent event(QContextMenuEvent::Mouse, on.center(),
                            grid()->viewport()->mapToGlobal(on.center()));
    QApplication::sendEvent(grid()->viewport(), &event);
    auto *menu = m_window->findChild<QMenu *>(u"gridContextMenu"_s);
    QVERIFY(menu);
    QVERIFY(QTest::qWaitForWindowExposed(menu));
    QVERIFY(Screenshots::save(m_window.get(), menu, u"grid-context-menu"_s, dark));
    menu->close();
    QApplication::setPalette(original);
}

QTEST_MAIN(tst_GridInteraction)
#include "tst_gridinteraction.moc"
