package backspace

import backspace.core.*
import java.math.BigDecimal
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** VAT and e-receipts (SPEC §18), from Kotlin. */
class TaxTest {
    private val seller = SellerSettings(
        rin = "123456789", companyTradeName = "مساحة العمل", branchCode = "0", country = "EG",
        governate = "Cairo", regionCity = "Nasr City", street = "Abbas El Akkad", buildingNumber = "12",
        deviceSerialNumber = "POS-1", activityCode = "6820", itemType = "EGS",
        sessionItemCode = "EG-1", consumptionItemCode = "EG-2", subscriptionItemCode = "EG-3",
        reservationFeeItemCode = "EG-4",
    )

    @Test
    fun `R-TAX-1 to 3 - VAT ties out and receipts chain`() =
        Backspace.inMemory().use { desk ->
            desk.updateSettings(SettingsUpdate(vatPercent = BigDecimal("14"), pricesIncludeVat = false))
            val mona = desk.registerCustomer("منى", "01012345678", at = at(8))
            val seat = desk.addResource("Seat 1", ResourceType.SEAT, BigDecimal("30"), at = at(8))
            val s = desk.startSession(mona.id, seat.id, at = at(9))
            val invoice = desk.endSession(s.id, at = at(10))
            assertEquals(egp("34.20"), invoice.total)
            assertEquals(egp("4.20"), invoice.vatAmount)
            val missing = assertThrows(BackspaceException.Validation::class.java) { desk.eReceipt(invoice.id) }
            assertTrue(missing.field.startsWith("seller."), missing.field)

            desk.updateSettings(SettingsUpdate(seller = seller))
            val receipt = desk.eReceipt(invoice.id)
            assertEquals(64, receipt.uuid.length)
            assertEquals(receipt, desk.eReceipt(invoice.id))
            assertTrue(receipt.document.contains("\"totalAmount\":34.20"), receipt.document)
            assertEquals(listOf(receipt.uuid), desk.pendingEReceipts().map { it.uuid })
            desk.markEReceiptSubmitted(receipt.uuid, "SUB-1")
            assertEquals(emptyList<EReceipt>(), desk.pendingEReceipts())
        }
}
