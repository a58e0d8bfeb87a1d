# Generated from forms/print_preview.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog,
    QHBoxLayout, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_PrintPreview(object):
    def setupUi(self, PrintPreview):
        if not PrintPreview.objectName():
            PrintPreview.setObjectName(u"PrintPreview")
        PrintPreview.resize(900, 1000)
        self.layout = QVBoxLayout(PrintPreview)
        self.layout.setObjectName(u"layout")
        self.toolbar = QHBoxLayout()
        self.toolbar.setObjectName(u"toolbar")
        self.contentLabel = QLabel(PrintPreview)
        self.contentLabel.setObjectName(u"contentLabel")

        self.toolbar.addWidget(self.contentLabel)

        self.contentCombo = QComboBox(PrintPreview)
        self.contentCombo.setObjectName(u"contentCombo")

        self.toolbar.addWidget(self.contentCombo)

        self.revealCheck = QCheckBox(PrintPreview)
        self.revealCheck.setObjectName(u"revealCheck")

        self.toolbar.addWidget(self.revealCheck)

        self.toolbarSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toolbar.addItem(self.toolbarSpacer)

        self.pageLabel = QLabel(PrintPreview)
        self.pageLabel.setObjectName(u"pageLabel")

        self.toolbar.addWidget(self.pageLabel)

        self.zoomOutButton = QPushButton(PrintPreview)
        self.zoomOutButton.setObjectName(u"zoomOutButton")

        self.toolbar.addWidget(self.zoomOutButton)

        self.zoomInButton = QPushButton(PrintPreview)
        self.zoomInButton.setObjectName(u"zoomInButton")

        self.toolbar.addWidget(self.zoomInButton)

        self.fitButton = QPushButton(PrintPreview)
        self.fitButton.setObjectName(u"fitButton")

        self.toolbar.addWidget(self.fitButton)


        self.layout.addLayout(self.toolbar)

        self.warningLabel = QLabel(PrintPreview)
        self.warningLabel.setObjectName(u"warningLabel")
        self.warningLabel.setWordWrap(True)
        self.warningLabel.setStyleSheet(u"background: #fff4d6; color: #7a4b00; padding: 6px; border: 1px solid #e8c774;")

        self.layout.addWidget(self.warningLabel)

        self.viewHolder = QWidget(PrintPreview)
        self.viewHolder.setObjectName(u"viewHolder")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(1)
        sizePolicy.setHeightForWidth(self.viewHolder.sizePolicy().hasHeightForWidth())
        self.viewHolder.setSizePolicy(sizePolicy)

        self.layout.addWidget(self.viewHolder)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.statusLabel = QLabel(PrintPreview)
        self.statusLabel.setObjectName(u"statusLabel")

        self.buttonRow.addWidget(self.statusLabel)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.printButton = QPushButton(PrintPreview)
        self.printButton.setObjectName(u"printButton")

        self.buttonRow.addWidget(self.printButton)

        self.saveButton = QPushButton(PrintPreview)
        self.saveButton.setObjectName(u"saveButton")

        self.buttonRow.addWidget(self.saveButton)

        self.closeButton = QPushButton(PrintPreview)
        self.closeButton.setObjectName(u"closeButton")

        self.buttonRow.addWidget(self.closeButton)


        self.layout.addLayout(self.buttonRow)


        self.retranslateUi(PrintPreview)

        self.printButton.setDefault(True)


        QMetaObject.connectSlotsByName(PrintPreview)
    # setupUi

    def retranslateUi(self, PrintPreview):
        PrintPreview.setWindowTitle(QCoreApplication.translate("PrintPreview", u"\u6253\u5370\u9884\u89c8", None))
        self.contentLabel.setText(QCoreApplication.translate("PrintPreview", u"\u5185\u5bb9\uff1a", None))
        self.revealCheck.setText(QCoreApplication.translate("PrintPreview", u"\u663e\u793a\u5b8c\u6574\u8eab\u4efd\u8bc1\u53f7\u548c\u7535\u8bdd", None))
#if QT_CONFIG(tooltip)
        self.revealCheck.setToolTip(QCoreApplication.translate("PrintPreview", u"\u4ec5\u793e\u533a\u4e66\u8bb0\u3001\u8857\u9053\u53ef\u7528\uff1b\u6253\u5370\u6216\u4fdd\u5b58\u65f6\u8bb0\u5165\u5ba1\u8ba1\u65e5\u5fd7", None))
#endif // QT_CONFIG(tooltip)
        self.zoomOutButton.setText(QCoreApplication.translate("PrintPreview", u"\u7f29\u5c0f", None))
        self.zoomInButton.setText(QCoreApplication.translate("PrintPreview", u"\u653e\u5927", None))
        self.fitButton.setText(QCoreApplication.translate("PrintPreview", u"\u9002\u5408\u5bbd\u5ea6", None))
        self.printButton.setText(QCoreApplication.translate("PrintPreview", u"\u6253\u5370\u2026", None))
        self.saveButton.setText(QCoreApplication.translate("PrintPreview", u"\u53e6\u5b58\u4e3a PDF\u2026", None))
        self.closeButton.setText(QCoreApplication.translate("PrintPreview", u"\u5173\u95ed", None))
    # retranslateUi

