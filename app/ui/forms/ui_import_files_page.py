# Generated from forms/import_files_page.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFormLayout,
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget, QWizardPage)

class Ui_ImportFilesPage(object):
    def setupUi(self, ImportFilesPage):
        if not ImportFilesPage.objectName():
            ImportFilesPage.setObjectName(u"ImportFilesPage")
        self.pageLayout = QVBoxLayout(ImportFilesPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.syncHintRow = QHBoxLayout()
        self.syncHintRow.setObjectName(u"syncHintRow")
        self.syncHintLabel = QLabel(ImportFilesPage)
        self.syncHintLabel.setObjectName(u"syncHintLabel")
        self.syncHintLabel.setVisible(False)
        self.syncHintLabel.setWordWrap(True)

        self.syncHintRow.addWidget(self.syncHintLabel)

        self.syncNowButton = QPushButton(ImportFilesPage)
        self.syncNowButton.setObjectName(u"syncNowButton")
        self.syncNowButton.setVisible(False)

        self.syncHintRow.addWidget(self.syncNowButton)

        self.syncHintRow.setStretch(0, 1)

        self.pageLayout.addLayout(self.syncHintRow)

        self.fileList = QListWidget(ImportFilesPage)
        self.fileList.setObjectName(u"fileList")
        self.fileList.setSelectionMode(QAbstractItemView.ExtendedSelection)

        self.pageLayout.addWidget(self.fileList)

        self.fileButtons = QHBoxLayout()
        self.fileButtons.setObjectName(u"fileButtons")
        self.addButton = QPushButton(ImportFilesPage)
        self.addButton.setObjectName(u"addButton")

        self.fileButtons.addWidget(self.addButton)

        self.removeButton = QPushButton(ImportFilesPage)
        self.removeButton.setObjectName(u"removeButton")

        self.fileButtons.addWidget(self.removeButton)

        self.fileButtonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.fileButtons.addItem(self.fileButtonsSpacer)


        self.pageLayout.addLayout(self.fileButtons)

        self.gridForm = QFormLayout()
        self.gridForm.setObjectName(u"gridForm")
        self.gridLabel = QLabel(ImportFilesPage)
        self.gridLabel.setObjectName(u"gridLabel")

        self.gridForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.gridLabel)

        self.gridCombo = QComboBox(ImportFilesPage)
        self.gridCombo.setObjectName(u"gridCombo")

        self.gridForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.gridCombo)


        self.pageLayout.addLayout(self.gridForm)

#if QT_CONFIG(shortcut)
        self.gridLabel.setBuddy(self.gridCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ImportFilesPage)

        QMetaObject.connectSlotsByName(ImportFilesPage)
    # setupUi

    def retranslateUi(self, ImportFilesPage):
        ImportFilesPage.setTitle(QCoreApplication.translate("ImportFilesPage", u"\u9009\u62e9\u53f0\u8d26\u6587\u4ef6", None))
        ImportFilesPage.setSubTitle(QCoreApplication.translate("ImportFilesPage", u"\u53ef\u4e00\u6b21\u9009\u62e9\u591a\u4e2a\u6587\u4ef6\uff08\u4eba\u53e3\u3001\u623f\u5c4b\u3001\u7279\u6b8a\u4eba\u7fa4\u3001\u77db\u76fe\u7ea0\u7eb7\u53f0\u8d26\uff1bxlsx\u3001xls\u3001csv\uff09\uff0c\u4f5c\u4e3a\u4e00\u4e2a\u6279\u6b21\u5bfc\u5165\u3002", None))
        self.syncHintLabel.setStyleSheet(QCoreApplication.translate("ImportFilesPage", u"color: #9C5700; background: #FFEB9C; padding: 6px;", None))
        self.syncNowButton.setText(QCoreApplication.translate("ImportFilesPage", u"\u7acb\u5373\u540c\u6b65", None))
#if QT_CONFIG(tooltip)
        self.syncNowButton.setToolTip(QCoreApplication.translate("ImportFilesPage", u"\u4e0e\u540c\u6b65\u670d\u52a1\u5668\u540c\u6b65\u4e00\u6b21\uff08\u540c \u540c\u6b65 \u2192 \u7acb\u5373\u540c\u6b65\uff0cF9\uff09\uff1b\u5b8c\u6210\u540e\u53ef\u5728\u6b64\u7ee7\u7eed\u5bfc\u5165", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(tooltip)
        self.fileList.setToolTip(QCoreApplication.translate("ImportFilesPage", u"\u53ef\u4e00\u6b21\u6dfb\u52a0\u591a\u4e2a\u53f0\u8d26\uff0c\u4e5f\u53ef\u4ee5\u628a\u6587\u4ef6\u4ece\u8d44\u6e90\u7ba1\u7406\u5668\u62d6\u5230\u8fd9\u91cc", None))
#endif // QT_CONFIG(tooltip)
        self.addButton.setText(QCoreApplication.translate("ImportFilesPage", u"\u6dfb\u52a0\u6587\u4ef6\u2026", None))
        self.removeButton.setText(QCoreApplication.translate("ImportFilesPage", u"\u79fb\u9664", None))
        self.gridLabel.setText(QCoreApplication.translate("ImportFilesPage", u"\u5bfc\u5165\u5230\u7f51\u683c\uff1a", None))
    # retranslateUi

