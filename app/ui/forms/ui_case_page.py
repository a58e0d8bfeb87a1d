# Generated from forms/case_page.ui by scripts/compile_forms.py: do not edit by hand.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QListView, QListWidget,
    QListWidgetItem, QPushButton, QSizePolicy, QSpacerItem,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_CasePage(object):
    def setupUi(self, CasePage):
        if not CasePage.objectName():
            CasePage.setObjectName(u"CasePage")
        CasePage.resize(900, 680)
        self.pageLayout = QVBoxLayout(CasePage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.titleLabel = QLabel(CasePage)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setWordWrap(True)
        self.titleLabel.setStyleSheet(u"font-size: 16px; font-weight: bold; padding: 4px;")

        self.pageLayout.addWidget(self.titleLabel)

        self.statusLabel = QLabel(CasePage)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setTextFormat(Qt.TextFormat.RichText)

        self.pageLayout.addWidget(self.statusLabel)

        self.infoForm = QFormLayout()
        self.infoForm.setObjectName(u"infoForm")
        self.categoryLabel = QLabel(CasePage)
        self.categoryLabel.setObjectName(u"categoryLabel")

        self.infoForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.categoryLabel)

        self.categoryValue = QLabel(CasePage)
        self.categoryValue.setObjectName(u"categoryValue")

        self.infoForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.categoryValue)

        self.placeLabel = QLabel(CasePage)
        self.placeLabel.setObjectName(u"placeLabel")

        self.infoForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.placeLabel)

        self.placeValue = QLabel(CasePage)
        self.placeValue.setObjectName(u"placeValue")
        self.placeValue.setWordWrap(True)

        self.infoForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.placeValue)

        self.handlerLabel = QLabel(CasePage)
        self.handlerLabel.setObjectName(u"handlerLabel")

        self.infoForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.handlerLabel)

        self.handlerValue = QLabel(CasePage)
        self.handlerValue.setObjectName(u"handlerValue")

        self.infoForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.handlerValue)

        self.partiesLabel = QLabel(CasePage)
        self.partiesLabel.setObjectName(u"partiesLabel")

        self.infoForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.partiesLabel)

        self.partiesValue = QLabel(CasePage)
        self.partiesValue.setObjectName(u"partiesValue")
        self.partiesValue.setWordWrap(True)

        self.infoForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.partiesValue)

        self.descriptionLabel = QLabel(CasePage)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.infoForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.descriptionValue = QLabel(CasePage)
        self.descriptionValue.setObjectName(u"descriptionValue")
        self.descriptionValue.setWordWrap(True)
        self.descriptionValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.infoForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.descriptionValue)


        self.pageLayout.addLayout(self.infoForm)

        self.disputeBox = QGroupBox(CasePage)
        self.disputeBox.setObjectName(u"disputeBox")
        self.disputeLayout = QVBoxLayout(self.disputeBox)
        self.disputeLayout.setObjectName(u"disputeLayout")
        self.disputeValue = QLabel(self.disputeBox)
        self.disputeValue.setObjectName(u"disputeValue")
        self.disputeValue.setWordWrap(True)

        self.disputeLayout.addWidget(self.disputeValue)

        self.disputeButtons = QHBoxLayout()
        self.disputeButtons.setObjectName(u"disputeButtons")
        self.mediateButton = QPushButton(self.disputeBox)
        self.mediateButton.setObjectName(u"mediateButton")

        self.disputeButtons.addWidget(self.mediateButton)

        self.disputeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.disputeButtons.addItem(self.disputeSpacer)


        self.disputeLayout.addLayout(self.disputeButtons)


        self.pageLayout.addWidget(self.disputeBox)

        self.timelineLabel = QLabel(CasePage)
        self.timelineLabel.setObjectName(u"timelineLabel")
        self.timelineLabel.setStyleSheet(u"font-weight: bold;")

        self.pageLayout.addWidget(self.timelineLabel)

        self.timelineTree = QTreeWidget(CasePage)
        self.timelineTree.setObjectName(u"timelineTree")
        self.timelineTree.setRootIsDecorated(False)
        self.timelineTree.setUniformRowHeights(False)
        self.timelineTree.setWordWrap(True)

        self.pageLayout.addWidget(self.timelineTree)

        self.reviewLabel = QLabel(CasePage)
        self.reviewLabel.setObjectName(u"reviewLabel")
        self.reviewLabel.setWordWrap(True)
        self.reviewLabel.setStyleSheet(u"color: #b03020;")

        self.pageLayout.addWidget(self.reviewLabel)

        self.bottomRow = QHBoxLayout()
        self.bottomRow.setObjectName(u"bottomRow")
        self.attachmentsLabel = QLabel(CasePage)
        self.attachmentsLabel.setObjectName(u"attachmentsLabel")

        self.bottomRow.addWidget(self.attachmentsLabel)

        self.attachmentsList = QListWidget(CasePage)
        self.attachmentsList.setObjectName(u"attachmentsList")
        self.attachmentsList.setMaximumSize(QSize(16777215, 56))
        self.attachmentsList.setFlow(QListView.Flow.LeftToRight)

        self.bottomRow.addWidget(self.attachmentsList)


        self.pageLayout.addLayout(self.bottomRow)

        self.actionBar = QHBoxLayout()
        self.actionBar.setObjectName(u"actionBar")

        self.pageLayout.addLayout(self.actionBar)


        self.retranslateUi(CasePage)

        QMetaObject.connectSlotsByName(CasePage)
    # setupUi

    def retranslateUi(self, CasePage):
        self.categoryLabel.setText(QCoreApplication.translate("CasePage", u"\u7c7b\u522b", None))
        self.placeLabel.setText(QCoreApplication.translate("CasePage", u"\u5730\u70b9", None))
        self.handlerLabel.setText(QCoreApplication.translate("CasePage", u"\u5904\u7f6e\u4eba", None))
        self.partiesLabel.setText(QCoreApplication.translate("CasePage", u"\u6d89\u53ca\u4eba\u5458", None))
        self.descriptionLabel.setText(QCoreApplication.translate("CasePage", u"\u95ee\u9898\u63cf\u8ff0", None))
        self.disputeBox.setTitle(QCoreApplication.translate("CasePage", u"\u77db\u76fe\u7ea0\u7eb7\u8c03\u89e3", None))
        self.mediateButton.setText(QCoreApplication.translate("CasePage", u"\u8bb0\u5f55\u8c03\u89e3\u2026", None))
        self.timelineLabel.setText(QCoreApplication.translate("CasePage", u"\u529e\u7406\u7ecf\u8fc7", None))
        ___qtreewidgetitem = self.timelineTree.headerItem()
        ___qtreewidgetitem.setText(4, QCoreApplication.translate("CasePage", u"\u8bf4\u660e", None))
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("CasePage", u"\u72b6\u6001", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("CasePage", u"\u64cd\u4f5c\u4eba", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("CasePage", u"\u73af\u8282", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("CasePage", u"\u65f6\u95f4", None))
        self.attachmentsLabel.setText(QCoreApplication.translate("CasePage", u"\u9644\u4ef6", None))
        pass
    # retranslateUi

