# Generated from forms/import_summary_page.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget,
    QWizardPage)

class Ui_ImportSummaryPage(object):
    def setupUi(self, ImportSummaryPage):
        if not ImportSummaryPage.objectName():
            ImportSummaryPage.setObjectName(u"ImportSummaryPage")
        self.pageLayout = QVBoxLayout(ImportSummaryPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.summaryLabel = QLabel(ImportSummaryPage)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setWordWrap(True)
        self.summaryLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.pageLayout.addWidget(self.summaryLabel)

        self.errorsRow = QHBoxLayout()
        self.errorsRow.setObjectName(u"errorsRow")
        self.openErrorsButton = QPushButton(ImportSummaryPage)
        self.openErrorsButton.setObjectName(u"openErrorsButton")

        self.errorsRow.addWidget(self.openErrorsButton)

        self.errorsRowSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.errorsRow.addItem(self.errorsRowSpacer)


        self.pageLayout.addLayout(self.errorsRow)

        self.pageSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.pageLayout.addItem(self.pageSpacer)


        self.retranslateUi(ImportSummaryPage)

        QMetaObject.connectSlotsByName(ImportSummaryPage)
    # setupUi

    def retranslateUi(self, ImportSummaryPage):
        ImportSummaryPage.setTitle(QCoreApplication.translate("ImportSummaryPage", u"\u5bfc\u5165\u5b8c\u6210", None))
        self.openErrorsButton.setText(QCoreApplication.translate("ImportSummaryPage", u"\u6253\u5f00\u9519\u8bef\u8868\u2026", None))
#if QT_CONFIG(tooltip)
        self.openErrorsButton.setToolTip(QCoreApplication.translate("ImportSummaryPage", u"\u88ab\u62d2\u7edd\u7684\u539f\u59cb\u884c\u548c\u539f\u56e0\uff0c\u6539\u6b63\u540e\u53ef\u518d\u6b21\u5bfc\u5165", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

