# Generated from forms/household_page.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QGridLayout, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QTabWidget, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_HouseholdPage(object):
    def setupUi(self, HouseholdPage):
        if not HouseholdPage.objectName():
            HouseholdPage.setObjectName(u"HouseholdPage")
        HouseholdPage.resize(900, 640)
        self.pageLayout = QVBoxLayout(HouseholdPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.title = QLabel(HouseholdPage)
        self.title.setObjectName(u"title")
        self.title.setStyleSheet(u"font-size: 15px; font-weight: bold;")

        self.pageLayout.addWidget(self.title)

        self.infoGrid = QGridLayout()
        self.infoGrid.setObjectName(u"infoGrid")
        self.addressLabel = QLabel(HouseholdPage)
        self.addressLabel.setObjectName(u"addressLabel")

        self.infoGrid.addWidget(self.addressLabel, 0, 0, 1, 1)

        self.addressValue = QLabel(HouseholdPage)
        self.addressValue.setObjectName(u"addressValue")

        self.infoGrid.addWidget(self.addressValue, 0, 1, 1, 1)

        self.houseLabel = QLabel(HouseholdPage)
        self.houseLabel.setObjectName(u"houseLabel")

        self.infoGrid.addWidget(self.houseLabel, 0, 2, 1, 1)

        self.houseValue = QLabel(HouseholdPage)
        self.houseValue.setObjectName(u"houseValue")

        self.infoGrid.addWidget(self.houseValue, 0, 3, 1, 1)

        self.registrationLabel = QLabel(HouseholdPage)
        self.registrationLabel.setObjectName(u"registrationLabel")

        self.infoGrid.addWidget(self.registrationLabel, 1, 0, 1, 1)

        self.registrationValue = QLabel(HouseholdPage)
        self.registrationValue.setObjectName(u"registrationValue")

        self.infoGrid.addWidget(self.registrationValue, 1, 1, 1, 1)

        self.presenceLabel = QLabel(HouseholdPage)
        self.presenceLabel.setObjectName(u"presenceLabel")

        self.infoGrid.addWidget(self.presenceLabel, 1, 2, 1, 1)

        self.presenceValue = QLabel(HouseholdPage)
        self.presenceValue.setObjectName(u"presenceValue")

        self.infoGrid.addWidget(self.presenceValue, 1, 3, 1, 1)

        self.contactLabel = QLabel(HouseholdPage)
        self.contactLabel.setObjectName(u"contactLabel")

        self.infoGrid.addWidget(self.contactLabel, 2, 0, 1, 1)

        self.contactValue = QLabel(HouseholdPage)
        self.contactValue.setObjectName(u"contactValue")

        self.infoGrid.addWidget(self.contactValue, 2, 1, 1, 1)

        self.gridLabel = QLabel(HouseholdPage)
        self.gridLabel.setObjectName(u"gridLabel")

        self.infoGrid.addWidget(self.gridLabel, 2, 2, 1, 1)

        self.gridValue = QLabel(HouseholdPage)
        self.gridValue.setObjectName(u"gridValue")

        self.infoGrid.addWidget(self.gridValue, 2, 3, 1, 1)


        self.pageLayout.addLayout(self.infoGrid)

        self.memberButtons = QHBoxLayout()
        self.memberButtons.setObjectName(u"memberButtons")
        self.membersLabel = QLabel(HouseholdPage)
        self.membersLabel.setObjectName(u"membersLabel")
        self.membersLabel.setStyleSheet(u"font-weight: bold;")

        self.memberButtons.addWidget(self.membersLabel)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.memberButtons.addItem(self.spacer)

        self.addButton = QPushButton(HouseholdPage)
        self.addButton.setObjectName(u"addButton")

        self.memberButtons.addWidget(self.addButton)

        self.editButton = QPushButton(HouseholdPage)
        self.editButton.setObjectName(u"editButton")

        self.memberButtons.addWidget(self.editButton)

        self.moveButton = QPushButton(HouseholdPage)
        self.moveButton.setObjectName(u"moveButton")

        self.memberButtons.addWidget(self.moveButton)

        self.removeButton = QPushButton(HouseholdPage)
        self.removeButton.setObjectName(u"removeButton")

        self.memberButtons.addWidget(self.removeButton)

        self.moveOutButton = QPushButton(HouseholdPage)
        self.moveOutButton.setObjectName(u"moveOutButton")

        self.memberButtons.addWidget(self.moveOutButton)


        self.pageLayout.addLayout(self.memberButtons)

        self.workButtons = QHBoxLayout()
        self.workButtons.setObjectName(u"workButtons")
        self.visitButton = QPushButton(HouseholdPage)
        self.visitButton.setObjectName(u"visitButton")

        self.workButtons.addWidget(self.visitButton)

        self.caseButton = QPushButton(HouseholdPage)
        self.caseButton.setObjectName(u"caseButton")

        self.workButtons.addWidget(self.caseButton)

        self.printButton = QPushButton(HouseholdPage)
        self.printButton.setObjectName(u"printButton")

        self.workButtons.addWidget(self.printButton)

        self.workSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.workButtons.addItem(self.workSpacer)


        self.pageLayout.addLayout(self.workButtons)

        self.membersTable = QTableWidget(HouseholdPage)
        self.membersTable.setObjectName(u"membersTable")
        self.membersTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.membersTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.membersTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.membersTable.setAlternatingRowColors(True)

        self.pageLayout.addWidget(self.membersTable)

        self.historyTabs = QTabWidget(HouseholdPage)
        self.historyTabs.setObjectName(u"historyTabs")
        self.visitsTab = QWidget()
        self.visitsTab.setObjectName(u"visitsTab")
        self.visitsLayout = QVBoxLayout(self.visitsTab)
        self.visitsLayout.setObjectName(u"visitsLayout")
        self.visitsTable = QTableWidget(self.visitsTab)
        self.visitsTable.setObjectName(u"visitsTable")
        self.visitsTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.visitsLayout.addWidget(self.visitsTable)

        self.historyTabs.addTab(self.visitsTab, "")
        self.casesTab = QWidget()
        self.casesTab.setObjectName(u"casesTab")
        self.casesLayout = QVBoxLayout(self.casesTab)
        self.casesLayout.setObjectName(u"casesLayout")
        self.casesTable = QTableWidget(self.casesTab)
        self.casesTable.setObjectName(u"casesTable")
        self.casesTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

        self.casesLayout.addWidget(self.casesTable)

        self.historyTabs.addTab(self.casesTab, "")

        self.pageLayout.addWidget(self.historyTabs)


        self.retranslateUi(HouseholdPage)

        QMetaObject.connectSlotsByName(HouseholdPage)
    # setupUi

    def retranslateUi(self, HouseholdPage):
        self.addressLabel.setText(QCoreApplication.translate("HouseholdPage", u"\u5730\u5740\uff1a", None))
        self.houseLabel.setText(QCoreApplication.translate("HouseholdPage", u"\u623f\u5c4b\uff1a", None))
        self.registrationLabel.setText(QCoreApplication.translate("HouseholdPage", u"\u6237\u522b\uff1a", None))
        self.presenceLabel.setText(QCoreApplication.translate("HouseholdPage", u"\u4eba\u6237\u72b6\u6001\uff1a", None))
        self.contactLabel.setText(QCoreApplication.translate("HouseholdPage", u"\u8054\u7cfb\u7535\u8bdd\uff1a", None))
        self.gridLabel.setText(QCoreApplication.translate("HouseholdPage", u"\u7f51\u683c\uff1a", None))
        self.membersLabel.setText(QCoreApplication.translate("HouseholdPage", u"\u5bb6\u5ead\u6210\u5458", None))
        self.addButton.setText(QCoreApplication.translate("HouseholdPage", u"\u6dfb\u52a0\u6210\u5458", None))
        self.editButton.setText(QCoreApplication.translate("HouseholdPage", u"\u7f16\u8f91", None))
        self.moveButton.setText(QCoreApplication.translate("HouseholdPage", u"\u8fc1\u5f80\u4ed6\u6237\u2026", None))
        self.removeButton.setText(QCoreApplication.translate("HouseholdPage", u"\u8fc1\u51fa\u6210\u5458", None))
        self.moveOutButton.setText(QCoreApplication.translate("HouseholdPage", u"\u672c\u6237\u8fc1\u51fa", None))
        self.visitButton.setText(QCoreApplication.translate("HouseholdPage", u"\u8bb0\u5f55\u8d70\u8bbf\u2026", None))
        self.caseButton.setText(QCoreApplication.translate("HouseholdPage", u"\u767b\u8bb0\u4e8b\u4ef6\u2026", None))
        self.printButton.setText(QCoreApplication.translate("HouseholdPage", u"\u6253\u5370\u4e00\u6237\u4e00\u6863\u2026", None))
        self.historyTabs.setTabText(self.historyTabs.indexOf(self.visitsTab), QCoreApplication.translate("HouseholdPage", u"\u8d70\u8bbf\u8bb0\u5f55", None))
        self.historyTabs.setTabText(self.historyTabs.indexOf(self.casesTab), QCoreApplication.translate("HouseholdPage", u"\u4e8b\u4ef6\u4e0e\u7ea0\u7eb7", None))
        pass
    # retranslateUi

