package backspace

import backspace.core.*
import java.math.BigDecimal
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Checkout, corrections that keep the trail (SPEC §15), non-overlapping sessions, from Kotlin. */
class CorrectionsTest {
    private fun desk(block: (Backspace, Customer, Resource) -> Unit) =
        Backspace.inMemory().use { desk ->
            val mona = desk.registerCustomer("منى عادل", "010 1234 5678", at = at(8))
            val seat = desk.addResource("Seat 1", ResourceType.SEAT, BigDecimal("30"), at = at(8))
            block(desk, mona, seat)
        }

    @Test
    fun `checkout splits cash and card in one transaction`() = desk { desk, mona, seat ->
        val s = desk.startSession(mona.id, seat.id, at = at(10))
        val invoice = desk.checkout(
            s.id,
            listOf(NewPayment(BigDecimal("10"), PaymentMethod.CASH), NewPayment(BigDecimal("20"), PaymentMethod.CARD, "slip 7")),
            at = at(11),
        )
        assertEquals(egp("30"), invoice.total)
        assertEquals(InvoiceStatus.PAID, invoice.status)
        assertEquals(listOf(PaymentMethod.CASH, PaymentMethod.CARD), invoice.payments.map { it.method })
        assertEquals(7, invoice.id.version())
    }

    @Test
    fun `checkout is all or nothing`() = desk { desk, mona, seat ->
        val s = desk.startSession(mona.id, seat.id, at = at(10))
        assertThrows(BackspaceException.Overpayment::class.java) {
            desk.checkout(
                s.id,
                listOf(NewPayment(BigDecimal("20"), PaymentMethod.CASH), NewPayment(BigDecimal("10.01"), PaymentMethod.CARD)),
                at = at(11),
            )
        }
        assertEquals(listOf(s.id), desk.activeSessions(at = at(11)).map { it.session.id })
        assertThrows(BackspaceException.NotFound::class.java) { desk.findInvoice("INV-0001") }
    }

    @Test
    fun `R-CORR-1 to 3 - void, refund and write-off`() = desk { desk, mona, seat ->
        fun visit(h: Int): Invoice {
            val s = desk.startSession(mona.id, seat.id, at = at(h))
            return desk.endSession(s.id, at = at(h + 1))
        }
        val first = visit(9)
        val void = desk.voidInvoice(first.id, "wrong customer", at = at(10, 30))
        assertEquals(InvoiceStatus.VOID, void.status)
        assertEquals("wrong customer", void.correction?.reason)

        val second = visit(11)
        desk.recordPayment(second.id, BigDecimal("30"), PaymentMethod.CASH, at = at(12))
        assertThrows(BackspaceException.Overpayment::class.java) {
            desk.refund(second.id, BigDecimal("30.01"), PaymentMethod.CASH, "too much", at = at(12, 5))
        }
        val note = desk.refund(second.id, BigDecimal("10"), PaymentMethod.CASH, "cold coffee", at = at(12, 5))
        assertEquals("CN-0001", note.creditNoteNumber)
        assertEquals(note, desk.findCreditNote("CN-0001"))
        assertEquals(egp("10"), desk.getInvoice(second.id).refundedAmount)

        val third = visit(13)
        val off = desk.writeOff(third.id, "gone", at = at(15))
        assertEquals(InvoiceStatus.WRITTEN_OFF, off.status)
        assertEquals(egp("30"), off.writtenOffAmount)

        val trail = desk.verifyTrail()
        assertNull(trail.firstBroken)
        assertEquals(6UL, trail.entries)
        val day = desk.revenue(DAY, DAY).single()
        assertEquals(egp("30"), day.voids)
        assertEquals(egp("10"), day.refundsCash)
        assertEquals(egp("30"), day.writeOffs)
    }

    @Test
    fun `R-CORR-4 - a closed day keeps its Z report and refuses new instants`() = desk { desk, mona, seat ->
        val s = desk.startSession(mona.id, seat.id, at = at(10))
        desk.endSession(s.id, at = at(11))
        val z = desk.closeDay(DAY)
        assertEquals(egp("30"), z.revenue.sessions)
        assertEquals(z, desk.zReport(DAY))
        val e = assertThrows(BackspaceException.Validation::class.java) {
            desk.deposit(mona.id, BigDecimal("5"), PaymentMethod.CASH, at = at(12))
        }
        assertTrue(e.errorMessage.contains(DAY.toString()), e.errorMessage)
    }

    @Test
    fun `R-SESS-7 - a back-dated start that overlaps another session is a conflict`() = desk { desk, mona, seat ->
        val omar = desk.registerCustomer("Omar", "01000000002", at = at(8))
        val s = desk.startSession(mona.id, seat.id, at = at(10))
        desk.endSession(s.id, at = at(14))
        val e = assertThrows(BackspaceException.Conflict::class.java) { desk.startSession(omar.id, seat.id, at = at(12)) }
        assertTrue(e.errorMessage.contains(s.id.toString()), e.errorMessage)
        assertEquals(emptyList<SessionOverlap>(), desk.sessionOverlaps())
        val sub = desk.subscribe(omar.id, planType = Plan.WEEKLY, price = BigDecimal("100"), at = at(15))
        assertEquals(Plan.WEEKLY, sub.planType)
        assertNotNull(desk.getInvoice(sub.invoiceId).lineItems.single())
    }
}
