# Generated from forms/import_mapping_page.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QProgressBar, QPushButton,
    QSizePolicy, QTableWidget, QTableWidgetItem, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget, QWizardPage)

class Ui_ImportMappingPage(object):
    def setupUi(self, ImportMappingPage):
        if not ImportMappingPage.objectName():
            ImportMappingPage.setObjectName(u"ImportMappingPage")
        self.pageLayout = QVBoxLayout(ImportMappingPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.statusLabel = QLabel(ImportMappingPage)
        self.statusLabel.setObjectName(u"statusLabel")

        self.pageLayout.addWidget(self.statusLabel)

        self.busyRow = QHBoxLayout()
        self.busyRow.setObjectName(u"busyRow")
        self.progressBar = QProgressBar(ImportMappingPage)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setMaximum(1000)
        self.progressBar.setValue(0)

        self.busyRow.addWidget(self.progressBar)

        self.cancelButton = QPushButton(ImportMappingPage)
        self.cancelButton.setObjectName(u"cancelButton")

        self.busyRow.addWidget(self.cancelButton)


        self.pageLayout.addLayout(self.busyRow)

        self.sheetTree = QTreeWidget(ImportMappingPage)
        self.sheetTree.setObjectName(u"sheetTree")

        self.pageLayout.addWidget(self.sheetTree)

        self.columnTable = QTableWidget(ImportMappingPage)
        if (self.columnTable.columnCount() < 3):
            self.columnTable.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.columnTable.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.columnTable.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.columnTable.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.columnTable.setObjectName(u"columnTable")
        self.columnTable.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.columnTable.setColumnCount(3)
        self.columnTable.horizontalHeader().setStretchLastSection(False)
        self.columnTable.verticalHeader().setVisible(False)

        self.pageLayout.addWidget(self.columnTable)

        self.profileRow = QHBoxLayout()
        self.profileRow.setObjectName(u"profileRow")
        self.profileNameEdit = QLineEdit(ImportMappingPage)
        self.profileNameEdit.setObjectName(u"profileNameEdit")

        self.profileRow.addWidget(self.profileNameEdit)

        self.saveProfileButton = QPushButton(ImportMappingPage)
        self.saveProfileButton.setObjectName(u"saveProfileButton")

        self.profileRow.addWidget(self.saveProfileButton)


        self.pageLayout.addLayout(self.profileRow)

        self.pageLayout.setStretch(2, 1)
        self.pageLayout.setStretch(3, 2)
        QWidget.setTabOrder(self.sheetTree, self.columnTable)
        QWidget.setTabOrder(self.columnTable, self.profileNameEdit)
        QWidget.setTabOrder(self.profileNameEdit, self.saveProfileButton)

        self.retranslateUi(ImportMappingPage)

        QMetaObject.connectSlotsByName(ImportMappingPage)
    # setupUi

    def retranslateUi(self, ImportMappingPage):
        ImportMappingPage.setTitle(QCoreApplication.translate("ImportMappingPage", u"\u8bc6\u522b\u7ed3\u679c\u4e0e\u5217\u6620\u5c04", None))
        ImportMappingPage.setSubTitle(QCoreApplication.translate("ImportMappingPage", u"\u68c0\u67e5\u6bcf\u4e2a\u5de5\u4f5c\u8868\u8bc6\u522b\u51fa\u7684\u8868\u5934\u548c\u5217\uff1b\u5982\u6709\u4e0d\u5bf9\uff0c\u5728\u201c\u5bfc\u5165\u4e3a\u201d\u4e00\u5217\u4e2d\u6539\u6b63\u3002\u53ef\u4fdd\u5b58\u4e3a\u6620\u5c04\u65b9\u6848\uff0c\u4e0b\u6b21\u9047\u5230\u76f8\u540c\u8868\u5934\u7684\u6587\u4ef6\u4f1a\u81ea\u52a8\u4f7f\u7528\u3002", None))
        self.cancelButton.setText(QCoreApplication.translate("ImportMappingPage", u"\u53d6\u6d88", None))
        ___qtreewidgetitem = self.sheetTree.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("ImportMappingPage", u"\u6570\u636e\u884c", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("ImportMappingPage", u"\u8868\u5934\u884c", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("ImportMappingPage", u"\u7c7b\u578b", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("ImportMappingPage", u"\u6587\u4ef6 / \u5de5\u4f5c\u8868", None))
        ___qtablewidgetitem = self.columnTable.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ImportMappingPage", u"\u5217", None))
        ___qtablewidgetitem1 = self.columnTable.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ImportMappingPage", u"\u8868\u5934", None))
        ___qtablewidgetitem2 = self.columnTable.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("ImportMappingPage", u"\u5bfc\u5165\u4e3a", None))
        self.profileNameEdit.setPlaceholderText(QCoreApplication.translate("ImportMappingPage", u"\u6620\u5c04\u65b9\u6848\u540d\u79f0\uff0c\u5982\u201c\u67d0\u8857\u9053\u4eba\u53e3\u8868\u201d", None))
        self.saveProfileButton.setText(QCoreApplication.translate("ImportMappingPage", u"\u4fdd\u5b58\u6620\u5c04\u65b9\u6848", None))
    # retranslateUi

