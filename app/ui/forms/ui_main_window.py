# Generated from forms/main_window.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QHBoxLayout, QHeaderView, QLabel, QMainWindow,
    QMenu, QMenuBar, QPushButton, QSizePolicy,
    QSpacerItem, QSpinBox, QSplitter, QStatusBar,
    QTabWidget, QTableView, QToolBar, QTreeView,
    QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 800)
        self.actionSwitchDatabase = QAction(MainWindow)
        self.actionSwitchDatabase.setObjectName(u"actionSwitchDatabase")
        self.actionSwitchUser = QAction(MainWindow)
        self.actionSwitchUser.setObjectName(u"actionSwitchUser")
        self.actionNewHousehold = QAction(MainWindow)
        self.actionNewHousehold.setObjectName(u"actionNewHousehold")
        self.actionNewPerson = QAction(MainWindow)
        self.actionNewPerson.setObjectName(u"actionNewPerson")
        self.actionImport = QAction(MainWindow)
        self.actionImport.setObjectName(u"actionImport")
        self.actionImportHistory = QAction(MainWindow)
        self.actionImportHistory.setObjectName(u"actionImportHistory")
        self.actionPrint = QAction(MainWindow)
        self.actionPrint.setObjectName(u"actionPrint")
        self.actionPrintStats = QAction(MainWindow)
        self.actionPrintStats.setObjectName(u"actionPrintStats")
        self.actionExport = QAction(MainWindow)
        self.actionExport.setObjectName(u"actionExport")
        self.actionExportPeopleRoster = QAction(MainWindow)
        self.actionExportPeopleRoster.setObjectName(u"actionExportPeopleRoster")
        self.actionExportHouseholdRoster = QAction(MainWindow)
        self.actionExportHouseholdRoster.setObjectName(u"actionExportHouseholdRoster")
        self.actionExportBuildingRoster = QAction(MainWindow)
        self.actionExportBuildingRoster.setObjectName(u"actionExportBuildingRoster")
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
        self.filterBar = QHBoxLayout()
        self.filterBar.setObjectName(u"filterBar")
        self.tagLabel = QLabel(self.peopleTab)
        self.tagLabel.setObjectName(u"tagLabel")

        self.filterBar.addWidget(self.tagLabel)

        self.tagFilter = QComboBox(self.peopleTab)
        self.tagFilter.setObjectName(u"tagFilter")

        self.filterBar.addWidget(self.tagFilter)

        self.ageLabel = QLabel(self.peopleTab)
        self.ageLabel.setObjectName(u"ageLabel")

        self.filterBar.addWidget(self.ageLabel)

        self.ageMin = QSpinBox(self.peopleTab)
        self.ageMin.setObjectName(u"ageMin")
        self.ageMin.setMaximum(130)

        self.filterBar.addWidget(self.ageMin)

        self.ageTo = QLabel(self.peopleTab)
        self.ageTo.setObjectName(u"ageTo")

        self.filterBar.addWidget(self.ageTo)

        self.ageMax = QSpinBox(self.peopleTab)
        self.ageMax.setObjectName(u"ageMax")
        self.ageMax.setMaximum(130)
        self.ageMax.setValue(130)

        self.filterBar.addWidget(self.ageMax)

        self.genderLabel = QLabel(self.peopleTab)
        self.genderLabel.setObjectName(u"genderLabel")

        self.filterBar.addWidget(self.genderLabel)

        self.genderFilter = QComboBox(self.peopleTab)
        self.genderFilter.setObjectName(u"genderFilter")

        self.filterBar.addWidget(self.genderFilter)

        self.presenceLabel = QLabel(self.peopleTab)
        self.presenceLabel.setObjectName(u"presenceLabel")

        self.filterBar.addWidget(self.presenceLabel)

        self.presenceFilter = QComboBox(self.peopleTab)
        self.presenceFilter.setObjectName(u"presenceFilter")

        self.filterBar.addWidget(self.presenceFilter)

        self.politicalLabel = QLabel(self.peopleTab)
        self.politicalLabel.setObjectName(u"politicalLabel")

        self.filterBar.addWidget(self.politicalLabel)

        self.politicalFilter = QComboBox(self.peopleTab)
        self.politicalFilter.setObjectName(u"politicalFilter")

        self.filterBar.addWidget(self.politicalFilter)

        self.gridLabel = QLabel(self.peopleTab)
        self.gridLabel.setObjectName(u"gridLabel")

        self.filterBar.addWidget(self.gridLabel)

        self.gridFilter = QComboBox(self.peopleTab)
        self.gridFilter.setObjectName(u"gridFilter")

        self.filterBar.addWidget(self.gridFilter)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterBar.addItem(self.filterSpacer)

        self.showFull = QCheckBox(self.peopleTab)
        self.showFull.setObjectName(u"showFull")

        self.filterBar.addWidget(self.showFull)

        self.exportFiltered = QPushButton(self.peopleTab)
        self.exportFiltered.setObjectName(u"exportFiltered")

        self.filterBar.addWidget(self.exportFiltered)


        self.peopleTabLayout.addLayout(self.filterBar)

        self.peopleTable = QTableView(self.peopleTab)
        self.peopleTable.setObjectName(u"peopleTable")
        self.peopleTable.setAlternatingRowColors(True)
        self.peopleTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.peopleTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.peopleTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.peopleTable.setSortingEnabled(True)

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
        self.menuExportRoster = QMenu(self.menuFile)
        self.menuExportRoster.setObjectName(u"menuExportRoster")
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
        self.menuFile.addAction(self.actionSwitchDatabase)
        self.menuFile.addAction(self.actionSwitchUser)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionImport)
        self.menuFile.addAction(self.actionImportHistory)
        self.menuFile.addAction(self.actionExport)
        self.menuFile.addAction(self.menuExportRoster.menuAction())
        self.menuFile.addAction(self.actionPrint)
        self.menuFile.addAction(self.actionPrintStats)
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuExportRoster.addAction(self.actionExportPeopleRoster)
        self.menuExportRoster.addAction(self.actionExportHouseholdRoster)
        self.menuExportRoster.addAction(self.actionExportBuildingRoster)
        self.menuEdit.addAction(self.actionNewHousehold)
        self.menuEdit.addAction(self.actionNewPerson)
        self.menuView.addAction(self.actionSearch)
        self.menuView.addAction(self.actionShowAll)
        self.menuHelp.addAction(self.actionAbout)
        self.toolBar.addAction(self.actionNewHousehold)
        self.toolBar.addAction(self.actionNewPerson)
        self.toolBar.addAction(self.actionImport)
        self.toolBar.addAction(self.actionExport)
        self.toolBar.addAction(self.actionPrint)
        self.toolBar.addAction(self.actionShowAll)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"\u7f51\u683c\u53f0\u8d26", None))
        self.actionSwitchDatabase.setText(QCoreApplication.translate("MainWindow", u"\u6253\u5f00\u5176\u4ed6\u53f0\u8d26(&O)\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionSwitchDatabase.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+O", None))
#endif // QT_CONFIG(shortcut)
        self.actionSwitchUser.setText(QCoreApplication.translate("MainWindow", u"\u5207\u6362\u5de5\u4f5c\u4eba\u5458(&U)\u2026", None))
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
        self.actionImport.setText(QCoreApplication.translate("MainWindow", u"\u5bfc\u5165\u53f0\u8d26(&I)\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionImport.setToolTip(QCoreApplication.translate("MainWindow", u"\u5bfc\u5165 Excel/WPS/CSV \u53f0\u8d26\uff08\u4eba\u53e3\u3001\u623f\u5c4b\u3001\u7279\u6b8a\u4eba\u7fa4\u3001\u77db\u76fe\u7ea0\u7eb7\uff09", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionImport.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+I", None))
#endif // QT_CONFIG(shortcut)
        self.actionImportHistory.setText(QCoreApplication.translate("MainWindow", u"\u5bfc\u5165\u8bb0\u5f55(&R)\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionImportHistory.setToolTip(QCoreApplication.translate("MainWindow", u"\u67e5\u770b\u5bfc\u5165\u6279\u6b21\uff0c\u64a4\u9500\u67d0\u6b21\u5bfc\u5165", None))
#endif // QT_CONFIG(tooltip)
        self.actionPrint.setText(QCoreApplication.translate("MainWindow", u"\u6253\u5370(&P)\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionPrint.setToolTip(QCoreApplication.translate("MainWindow", u"\u4e00\u6237\u4e00\u6863\u9875\u9762\u6253\u5370\u4e00\u6237\u4e00\u6863\uff1b\u697c\u76d8\u8868\u9875\u9762\u6253\u5370\u697c\u680b\u53f0\u8d26", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(shortcut)
        self.actionPrint.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+P", None))
#endif // QT_CONFIG(shortcut)
        self.actionPrintStats.setText(QCoreApplication.translate("MainWindow", u"\u6253\u5370\u7edf\u8ba1\u62a5\u8868(&S)\u2026", None))
        self.actionExport.setText(QCoreApplication.translate("MainWindow", u"\u5bfc\u51fa\u5f53\u524d\u540d\u5355(&E)\u2026", None))
#if QT_CONFIG(shortcut)
        self.actionExport.setShortcut(QCoreApplication.translate("MainWindow", u"Ctrl+E", None))
#endif // QT_CONFIG(shortcut)
        self.actionExportPeopleRoster.setText(QCoreApplication.translate("MainWindow", u"\u4eba\u53e3\u4fe1\u606f\u53f0\u8d26\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionExportPeopleRoster.setToolTip(QCoreApplication.translate("MainWindow", u"\u6309\u6237\u6392\u5217\u7684\u5168\u90e8\u5c45\u6c11\uff08\u53ef\u518d\u6b21\u5bfc\u5165\uff09\uff0cxlsx", None))
#endif // QT_CONFIG(tooltip)
        self.actionExportHouseholdRoster.setText(QCoreApplication.translate("MainWindow", u"\u4f4f\u6237\u53f0\u8d26\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionExportHouseholdRoster.setToolTip(QCoreApplication.translate("MainWindow", u"\u6bcf\u6237\u4e00\u884c\uff1a\u623f\u5c4b\u3001\u6237\u4e3b\u3001\u4eba\u6570\u3001\u7528\u9014\uff0cxlsx", None))
#endif // QT_CONFIG(tooltip)
        self.actionExportBuildingRoster.setText(QCoreApplication.translate("MainWindow", u"\u697c\u680b\u53f0\u8d26\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionExportBuildingRoster.setToolTip(QCoreApplication.translate("MainWindow", u"\u6bcf\u680b\u4e00\u884c\uff1a\u5c42\u6570\u3001\u5355\u5143\u3001\u623f\u5c4b\u3001\u6237\u6570\u3001\u4eba\u6570\u3001\u697c\u957f\uff0cxlsx", None))
#endif // QT_CONFIG(tooltip)
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
        self.tagLabel.setText(QCoreApplication.translate("MainWindow", u"\u7279\u6b8a\u4eba\u7fa4", None))
        self.ageLabel.setText(QCoreApplication.translate("MainWindow", u"\u5e74\u9f84", None))
        self.ageMin.setSpecialValueText(QCoreApplication.translate("MainWindow", u"\u4e0d\u9650", None))
        self.ageTo.setText(QCoreApplication.translate("MainWindow", u"\u81f3", None))
        self.ageMax.setSpecialValueText(QCoreApplication.translate("MainWindow", u"\u4e0d\u9650", None))
        self.genderLabel.setText(QCoreApplication.translate("MainWindow", u"\u6027\u522b", None))
        self.presenceLabel.setText(QCoreApplication.translate("MainWindow", u"\u4eba\u6237\u72b6\u6001", None))
        self.politicalLabel.setText(QCoreApplication.translate("MainWindow", u"\u653f\u6cbb\u9762\u8c8c", None))
        self.gridLabel.setText(QCoreApplication.translate("MainWindow", u"\u7f51\u683c", None))
        self.showFull.setText(QCoreApplication.translate("MainWindow", u"\u663e\u793a\u5b8c\u6574\u53f7\u7801", None))
        self.exportFiltered.setText(QCoreApplication.translate("MainWindow", u"\u5bfc\u51fa\u540d\u5355\u2026", None))
        self.placeTabs.setTabText(self.placeTabs.indexOf(self.peopleTab), QCoreApplication.translate("MainWindow", u"\u5c45\u6c11\u540d\u5355", None))
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"\u6587\u4ef6(&F)", None))
        self.menuExportRoster.setTitle(QCoreApplication.translate("MainWindow", u"\u5bfc\u51fa\u53f0\u8d26(&L)", None))
        self.menuEdit.setTitle(QCoreApplication.translate("MainWindow", u"\u7f16\u8f91(&E)", None))
        self.menuView.setTitle(QCoreApplication.translate("MainWindow", u"\u67e5\u770b(&V)", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"\u5e2e\u52a9(&H)", None))
        self.toolBar.setWindowTitle(QCoreApplication.translate("MainWindow", u"\u5de5\u5177\u680f", None))
    # retranslateUi

