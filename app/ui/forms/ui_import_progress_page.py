# Generated from forms/import_progress_page.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QLabel, QProgressBar, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget,
    QWizardPage)

class Ui_ImportProgressPage(object):
    def setupUi(self, ImportProgressPage):
        if not ImportProgressPage.objectName():
            ImportProgressPage.setObjectName(u"ImportProgressPage")
        self.pageLayout = QVBoxLayout(ImportProgressPage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.stageLabel = QLabel(ImportProgressPage)
        self.stageLabel.setObjectName(u"stageLabel")

        self.pageLayout.addWidget(self.stageLabel)

        self.progressBar = QProgressBar(ImportProgressPage)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setMaximum(1000)
        self.progressBar.setValue(0)

        self.pageLayout.addWidget(self.progressBar)

        self.cancelButton = QPushButton(ImportProgressPage)
        self.cancelButton.setObjectName(u"cancelButton")

        self.pageLayout.addWidget(self.cancelButton)

        self.pageSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.pageLayout.addItem(self.pageSpacer)


        self.retranslateUi(ImportProgressPage)

        QMetaObject.connectSlotsByName(ImportProgressPage)
    # setupUi

    def retranslateUi(self, ImportProgressPage):
        ImportProgressPage.setTitle(QCoreApplication.translate("ImportProgressPage", u"\u5bfc\u5165", None))
        ImportProgressPage.setSubTitle(QCoreApplication.translate("ImportProgressPage", u"\u6b63\u5728\u5199\u5165\u6570\u636e\u5e93\u3002\u53d6\u6d88\u6216\u51fa\u9519\u65f6\u6570\u636e\u5e93\u4fdd\u6301\u539f\u6837\u3002", None))
        self.cancelButton.setText(QCoreApplication.translate("ImportProgressPage", u"\u53d6\u6d88\u5bfc\u5165", None))
    # retranslateUi

