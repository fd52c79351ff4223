package backspace

import backspace.core.*
import java.math.BigDecimal
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** A day at the front desk, end to end through the generated Kotlin and the native library. */
class FrontDeskDayTest {
    @Test
    fun `a front-desk day - customers, seat, session, tea, discount, payments, revenue`() {
        Backspace.inMemory().use { desk ->
            // Settings: bill in quarter hours (R-PRICE-1), as the SPEC's example.
            val settings = desk.updateSettings(SettingsUpdate(unitMinutes = 15))
            assertEquals(15, settings.pricing.unitMinutes)
            assertEquals(Rounding.UP, settings.pricing.rounding)
            assertEquals("Africa/Cairo", settings.timeZone)
            assertEquals("EGP", settings.currency)

            // Customers with Arabic names; phones in local and international forms (R-CUST-3, R-CUST-4).
            val mona = desk.registerCustomer("منى عادل", "010 1234 5678", at = at(9))
            val ahmed = desk.registerCustomer(
                "أحمد حسن", "+20 11 2345 6789", email = "Ahmed@Example.COM", at = at(9, 5),
            )
            assertEquals("C-001", mona.humanId)
            assertEquals("C-002", ahmed.humanId)
            assertEquals("+201012345678", mona.phone)
            assertEquals("Ahmed@example.com", ahmed.email)
            assertNull(mona.email)
            assertEquals(CustomerType.VISITOR, mona.customerType)
            assertEquals(egp("0"), mona.balance)
            assertEquals(at(9), mona.createdAt)

            // Search folds Arabic letter variants: "احمد" finds "أحمد" (R-CUST-8); find by C-id or phone.
            assertEquals(listOf(ahmed.id), desk.searchCustomers("احمد").map { it.id })
            assertEquals(ahmed, desk.findCustomer("C-002"))
            assertEquals(ahmed, desk.findCustomer("01123456789"))
            assertEquals(mona, desk.getCustomer(mona.id))

            val seat = desk.addResource("Seat 1", ResourceType.SEAT, BigDecimal("30"), at = at(8))
            assertEquals(egp("30"), seat.ratePerHour)
            assertTrue(seat.isAvailable)
            val tea = desk.addInventoryItem("Tea", Category.BEVERAGE, BigDecimal("10"), 50, 5, at = at(8))
            assertEquals(50L, tea.quantity)

            // Session: 10:00 to 11:01 = 61 minutes -> 75 billed -> 37.50 (SPEC §6 example).
            val session = desk.startSession(mona.id, seat.id, at = at(10))
            assertTrue(session.isActive)
            assertEquals(egp("30"), session.ratePerHour)
            assertFalse(desk.getResource(seat.id).isAvailable)
            val cups = desk.addConsumption(session.id, tea.id, 2, at = at(10, 30))
            assertEquals(egp("10"), cups.priceAtConsumption)
            assertEquals(48L, desk.getInventoryItem(tea.id).quantity)

            val running = desk.activeSessions(at = at(10, 45))
            assertEquals(1, running.size)
            assertEquals("منى عادل", running[0].customerName)
            assertEquals(45L, running[0].elapsedMinutes)

            val quote = desk.quoteSession(session.id, at = at(11, 1))
            assertEquals(75L, quote.billedMinutes)
            assertEquals(egp("37.50"), quote.charge)
            assertEquals(egp("57.50"), quote.amount)

            // End with a 10 % discount: 57.50 - 5.75 = 51.75 (R-INVC-3).
            val invoice = desk.endSession(session.id, at = at(11, 1), discount = BigDecimal("10"))
            assertEquals("INV-0001", invoice.invoiceNumber)
            assertEquals(DAY, invoice.issueDate)
            assertEquals(DAY.plusDays(7), invoice.dueDate)
            assertEquals(listOf(LineKind.SESSION, LineKind.CONSUMPTION), invoice.lineItems.map { it.kind })
            assertEquals(75L, invoice.lineItems[0].quantity)
            assertEquals(egp("37.50"), invoice.lineItems[0].amount)
            assertEquals("Tea", invoice.lineItems[1].description)
            assertEquals(egp("20"), invoice.lineItems[1].amount)
            assertEquals(egp("57.50"), invoice.amount)
            assertEquals(egp("5.75"), invoice.discountAmount)
            assertEquals(egp("51.75"), invoice.total)
            assertEquals(InvoiceStatus.UNPAID, invoice.status)
            assertTrue(desk.getResource(seat.id).isAvailable)
            val ended = desk.getSession(session.id)
            assertFalse(ended.isActive)
            assertEquals(61L, ended.durationMinutes)
            assertEquals(invoice.id, ended.invoiceId)
            assertEquals(egp("-51.75"), desk.getCustomer(mona.id).balance)

            // Pay in two parts: pending, then paid on the day (R-INVC-5).
            val part = desk.recordPayment(invoice.id, BigDecimal("50"), PaymentMethod.CASH, at = at(11, 2))
            assertEquals(InvoiceStatus.PENDING, part.status)
            assertEquals(egp("50"), part.paidAmount)
            val paid = desk.recordPayment(
                invoice.id, BigDecimal("1.75"), PaymentMethod.CARD, at = at(11, 3), note = "receipt 17",
            )
            assertEquals(InvoiceStatus.PAID, paid.status)
            assertEquals(DAY, paid.paidDate)
            assertEquals(listOf("receipt 17"), paid.payments.mapNotNull { it.note })
            assertEquals(egp("0"), desk.getCustomer(mona.id).balance)
            assertEquals(paid, desk.findInvoice("inv-0001"))

            // The ledger: invoice, two payments; the running balance ends at 0 (R-BAL-3).
            val statement = desk.statement(mona.id)
            assertEquals(listOf(LedgerKind.INVOICE, LedgerKind.PAYMENT, LedgerKind.PAYMENT), statement.map { it.entry.kind })
            assertEquals(listOf(egp("-51.75"), egp("-1.75"), egp("0")), statement.map { it.balance })

            // Ahmed subscribes weekly; his session that day is covered: amount 0, invoice paid at once.
            val sub = desk.subscribe(ahmed.id, Plan.WEEKLY, price = BigDecimal("300"), at = at(12))
            assertEquals(DAY, sub.startDate)
            assertEquals(DAY.plusDays(6), sub.endDate)
            assertEquals(CustomerType.WEEKLY, desk.getCustomer(ahmed.id).customerType)
            val subInvoice = desk.getInvoice(sub.invoiceId)
            assertEquals(egp("300"), subInvoice.total)
            assertEquals("INV-0002", subInvoice.invoiceNumber)
            val covered = desk.startSession(ahmed.id, seat.id, at = at(13))
            val free = desk.endSession(covered.id, at = at(15))
            assertEquals(egp("0"), free.total)
            assertEquals(InvoiceStatus.PAID, free.status)
            assertEquals(sub.id, desk.getSession(covered.id).subscriptionId)

            // Deposit credit, then pay part of the subscription from it.
            desk.deposit(ahmed.id, BigDecimal("100"), PaymentMethod.TRANSFER, at = at(16))
            val fromCredit = desk.recordPayment(sub.invoiceId, BigDecimal("100"), PaymentMethod.BALANCE, at = at(16, 5))
            assertEquals(InvoiceStatus.PENDING, fromCredit.status)
            assertEquals(egp("0"), desk.getCustomer(ahmed.id).credit)
            assertEquals(egp("-200"), desk.getCustomer(ahmed.id).balance)

            // Revenue of the day (R-REP-1).
            val revenue = desk.revenue(DAY, DAY)
            assertEquals(1, revenue.size)
            val day = revenue[0]
            assertEquals(DAY, day.date)
            assertEquals(egp("37.50"), day.sessions)
            assertEquals(egp("20"), day.consumptions)
            assertEquals(egp("300"), day.subscriptions)
            assertEquals(egp("5.75"), day.discounts)
            assertEquals(egp("351.75"), day.net)
            assertEquals(egp("50"), day.cash)
            assertEquals(egp("1.75"), day.card)
            assertEquals(egp("100"), day.transfer)
            assertEquals(egp("151.75"), day.received)
            assertEquals(egp("100"), day.creditApplied)
            assertEquals(3, desk.revenue(DAY.minusDays(1), DAY.plusDays(1)).size)

            // Reports and lists.
            val top = desk.topCustomers(DAY, DAY, 5)
            assertEquals(listOf("C-002", "C-001"), top.map { it.humanId })
            assertEquals(egp("300"), top[0].invoiced)
            val outstanding = desk.outstandingInvoices()
            assertEquals(listOf("INV-0002"), outstanding.map { it.invoice.invoiceNumber })
            assertEquals(egp("200"), outstanding[0].due)
            assertEquals(3, desk.listInvoices().size)
            assertEquals(listOf("INV-0002"), desk.listInvoices(InvoiceFilter(status = InvoiceStatus.PENDING)).map { it.invoiceNumber })
            assertEquals(2, desk.listInvoices(InvoiceFilter(customerId = ahmed.id, from = DAY, to = DAY)).size)
            assertTrue(desk.activeSessions().isEmpty())
            val util = desk.utilization(DAY, DAY)
            assertEquals(1, util.size)
            assertEquals(181L, util[0].occupiedMinutes)
            assertEquals(listOf(MovementKind.INITIAL, MovementKind.CONSUMPTION), desk.stockMovements(tea.id).map { it.kind })
            assertTrue(desk.lowStock().isEmpty())
            desk.adjustStock(tea.id, -44, "broken cups")
            assertEquals(listOf(tea.id), desk.lowStock().map { it.id })
        }
    }

    @Test
    fun `operations without at use now, and updates change only what is given`() {
        Backspace.inMemory().use { desk ->
            val before = java.time.Instant.now().minusSeconds(1)
            val c = desk.registerCustomer("سارة", "0122 333 4444")
            assertTrue(c.createdAt.isAfter(before))
            assertNotNull(desk.now())
            val renamed = desk.updateCustomer(c.id, name = "سارة محمود")
            assertEquals("سارة محمود", renamed.name)
            assertEquals(c.phone, renamed.phone)
            val room = desk.addResource("Room A", ResourceType.ROOM, BigDecimal("120.5"))
            val cheaper = desk.updateResource(room.id, ratePerHour = BigDecimal("100"))
            assertEquals(egp("100"), cheaper.ratePerHour)
            assertEquals("Room A", cheaper.name)
            val out = desk.setResourceAvailable(room.id, false)
            assertFalse(out.isAvailable)
            assertTrue(out.outOfService)
            desk.deleteResource(room.id)
            assertTrue(desk.listResources().isEmpty())
            val cake = desk.addInventoryItem("Cake", Category.SNACK, BigDecimal("25"), 3, 1)
            assertEquals(egp("30"), desk.updateInventoryItem(cake.id, price = BigDecimal("30")).price)
            assertEquals(13L, desk.restock(cake.id, 10).quantity)
            val s = desk.updateSettings(SettingsUpdate(dailyCap = BigDecimal("200"), weeklyPrice = BigDecimal("350")))
            assertEquals(egp("200"), s.pricing.dailyCap)
            assertEquals(egp("350"), s.planPrices.weekly)
            val cleared = desk.updateSettings(SettingsUpdate(clearDailyCap = true))
            assertNull(cleared.pricing.dailyCap)
            assertEquals(egp("350"), cleared.planPrices.weekly)
            val sub = desk.subscribe(c.id, Plan.WEEKLY)
            assertEquals(egp("350"), sub.price)
            assertFalse(desk.cancelSubscription(sub.id).isActive)
            assertEquals(CustomerType.VISITOR, desk.getCustomer(c.id).customerType)
            assertTrue(desk.expireSubscriptions().isEmpty())
            assertEquals(1, desk.listSubscriptions(c.id).size)
        }
    }
}
