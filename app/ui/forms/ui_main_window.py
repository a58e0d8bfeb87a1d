# Generated from forms/main_window.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QMainWindow, QMenu, QMenuBar,
    QSizePolicy, QSplitter, QStatusBar, QTabWidget,
    QTableView, QToolBar, QTreeView, QVBoxLayout,
    QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 800)
        self.actionNewHousehold = QAction(MainWindow)
        self.actionNewHousehold.setObjectName(u"actionNewHousehold")
        self.actionNewPerson = QAction(MainWindow)
        self.actionNewPerson.setObjectName(u"actionNewPerson")
        self.actionExport = QAction(MainWindow)
        self.actionExport.setObjectName(u"actionExport")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionSearch = QAction(MainWindow)
        self.actionSearch.setObjectName(u"actionSearch")
        self.actionShowAll = QAction(MainWindow)
        self.actionShowAll.setObjectName(u"actionShowAll")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.centralwidget = QWidget(MainWindow)
        self.centralwidget.setObjectName(u"centralwidget")
        self.centralLayout = QHBoxLayout(self.centralwidget)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(6, 6, 6, 6)
        self.splitter = QSplitter(self.centralwidget)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.placeTree = QTreeView(self.splitter)
        self.placeTree.setObjectName(u"placeTree")
        self.placeTree.setHeaderHidden(True)
        self.placeTree.setUniformRowHeights(True)
        self.splitter.addWidget(self.placeTree)
        self.placePane = QWidget(self.splitter)
        self.placePane.setObjectName(u"placePane")
        self.placeLayout = QVBoxLayout(self.placePane)
        self.placeLayout.setObjectName(u"placeLayout")
        self.placeLayout.setContentsMargins(0, 0, 0, 0)
        self.placeTitle = QLabel(self.placePane)
        self.placeTitle.setObjectName(u"placeTitle")
        self.placeTitle.setStyleSheet(u"font-size: 16px; font-weight: bold; padding: 4px;")

        self.placeLayout.addWidget(self.placeTitle)

        self.placeTabs = QTabWidget(self.placePane)
        self.placeTabs.setObjectName(u"placeTabs")
        self.peopleTab = QWidget()
        self.peopleTab.setObjectName(u"peopleTab")
        self.peopleTabLayout = QVBoxLayout(self.peopleTab)
        self.peopleTabLayout.setObjectName(u"peopleTabLayout")
        self.peopleTabLayout.setContentsMargins(2, 2, 2, 2)
        self.peopleTable = QTableView(self.peopleTab)
        self.peopleTable.setObjectName(u"peopleTable")
        self.peopleTable.setAlternatingRowColors(True)
        self.peopleTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.peopleTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.peopleTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.peopleTabLayout.addWidget(self.peopleTable)

        self.placeTabs.addTab(self.peopleTab, "")

        self.placeLayout.addWidget(self.placeTabs)

        self.splitter.addWidget(self.placePane)

        self.centralLayout.addWidget(self.splitter)

        MainWindow.setCentralWidget(self.centralwidget)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menuFile = QMenu(self.menubar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuEdit = QMenu(self.menubar)
        self.menuEdit.setObjectName(u"menuEdit")
        self.menuView = QMenu(self.menubar)
        self.menuView.setObjectName(u"menuView")
        self.menuHelp = QMenu(self.menubar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menubar)
        self.toolBar = QToolBar(MainWindow)
        self.toolBar.setObjectName(u"toolBar")
        self.toolBar.setMovable(False)
        MainWindow.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolBar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)

        self.menubar.addAction(self.menuFile.menuAction())
        self.menubar.addAction(self.menuEdit.menuAction())
        self.menubar.addAction(self.menuView.menuAction())
        self.menubar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionExport)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuEdit.addAction(self.actionNewHousehold)
        self.menuEdit.addAction(self.actionNewPerson)
        self.menuView.addAction(self.actionSearch)
        self.menuView.addAction(self.actionShowAll)
        self.menuHelp.addAction(self.actionAbout)
        self.toolBar.addAction(self.actionNewHousehold)
        self.toolBar.addAction(self.actionNewPerson)
        self.toolBar.addAction(self.actionExport)
        self.toolBar.addAction(self.actionShowAll)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"\u7f51\u683c\u53f0\u8d26", None))
        self.actionNewHousehold.setText(QCoreApplication.translate("MainWindow", u"\u767b\u8bb0\u65b0\u4f4f\u6237(&N)\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionNewHousehold.setToolTip(QCoreApplication.translate("MainWindow", u"\u5728\u697c\u76d8\u8868\u4e2d\u9009\u4e2d\u7684\u623f\u5c4b\u767b\u8bb0\u4e00\u6237", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionNewHousehold.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+N", None))
#endif // QT_CONFIG(shortcut)
        self.actionNewPerson.setText(QCoreApplication.translate("MainWindow", u"\u6dfb\u52a0\u5bb6\u5ead\u6210\u5458(&P)\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionNewPerson.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Shift+N", None))
#endif // QT_CONFIG(shortcut)
        self.actionExport.setText(QCoreApplication.translate("MainWindow", u"\u5bfc\u51fa\u540d\u5355(&E)\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionExport.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+E", None))
#endif // QT_CONFIG(shortcut)
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"\u9000\u51fa(&X)", None))
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Q", None))
#endif // QT_CONFIG(shortcut)
        self.actionSearch.setText(QCoreApplication.translate("MainWindow", u"\u67e5\u627e(&F)", None))
#if QT_CONFIG(shortcut)
        self.actionSearch.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+F", None))
#endif // QT_CONFIG(shortcut)
        self.actionShowAll.setText(QCoreApplication.translate("MainWindow", u"\u5168\u90e8\u5c45\u6c11(&A)", None))
#if QT_CONFIG(shortcut)
        self.actionShowAll.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+Shift+A", None))
#endif // QT_CONFIG(shortcut)
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"\u5173\u4e8e\u7f51\u683c\u53f0\u8d26(&A)", None))
        self.placeTitle.setText(QCoreApplication.translate("MainWindow", u"\u5168\u90e8\u5c45\u6c11", None))
        self.placeTabs.setTabText(self.placeTabs.indexOf(self.peopleTab), QCoreApplication.translate("MainWindow", u"\u5c45\u6c11\u540d\u5355", None))
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"\u6587\u4ef6(&F)", None))
        self.menuEdit.setTitle(QCoreApplication.translate("MainWindow", u"\u7f16\u8f91(&E)", None))
        self.menuView.setTitle(QCoreApplication.translate("MainWindow", u"\u67e5\u770b(&V)", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"\u5e2e\u52a9(&H)", None))
        self.toolBar.setWindowTitle(QCoreApplication.translate("MainWindow", u"\u5de5\u5177\u680f", None))
    # retranslateUi

