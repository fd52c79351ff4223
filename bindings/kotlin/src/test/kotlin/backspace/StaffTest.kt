package backspace

import backspace.core.*
import java.math.BigDecimal
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** Staff, permissions, the audit log and the cash drawer (SPEC §16), from Kotlin. */
class StaffTest {
    @Test
    fun `R-STAFF-2 and 3 - a cashier signs in, and a void needs a manager`() =
        Backspace.inMemory().use { desk ->
            val hany = desk.addOperator("Hany", Role.OWNER, "1111", at = at(8))
            val owner = desk.signIn(hany.id, "1111")
            val omar = owner.addOperator("Omar", Role.CASHIER, "3333", at = at(8))
            val salma = owner.addOperator("Salma", Role.MANAGER, "2222", at = at(8))
            val cashier = desk.signIn(omar.id, "3333")
            val manager = desk.signIn(salma.id, "2222")
            assertEquals(omar.id, cashier.operatorId())
            assertNull(desk.operatorId())

            val unsigned = assertThrows(BackspaceException.Forbidden::class.java) {
                desk.registerCustomer("Ali", "01112345678")
            }
            assertNull(unsigned.operator)
            assertEquals("desk", unsigned.permission)

            val mona = cashier.registerCustomer("منى", "01012345678", at = at(9))
            val seat = manager.addResource("Seat 1", ResourceType.SEAT, BigDecimal("30"), at = at(9))
            val s = cashier.startSession(mona.id, seat.id, at = at(10))
            val invoice = cashier.endSession(s.id, at = at(11))
            val refused = assertThrows(BackspaceException.Forbidden::class.java) {
                cashier.voidInvoice(invoice.id, "oops", at = at(12))
            }
            assertEquals("cashier Omar", refused.operator)
            assertEquals("corrections", refused.permission)
            manager.voidInvoice(invoice.id, "wrong customer", at = at(12))

            val voids = owner.auditLog(DAY, DAY).filter { it.operation == "void_invoice" }
            assertEquals(listOf(salma.id), voids.map { it.operatorId })
            assertTrue(owner.verifyTrail().auditEntries > 0uL)

            repeat(4) { assertThrows(BackspaceException.Forbidden::class.java) { desk.signIn(omar.id, "0000") } }
            val locked = assertThrows(BackspaceException.Forbidden::class.java) { desk.signIn(omar.id, "0000") }
            assertTrue(locked.message!!.contains("locked until"), locked.message)
        }

    @Test
    fun `R-SHIFT-1 to 3 - a shift counts its cash and stores over or short`() =
        Backspace.inMemory().use { desk ->
            val mona = desk.registerCustomer("منى", "01012345678", at = at(8))
            val shift = desk.openShift(BigDecimal("200"), at = at(9))
            assertEquals("main", shift.drawer)
            assertThrows(BackspaceException.Conflict::class.java) { desk.openShift(BigDecimal("10"), at = at(9, 5)) }
            desk.deposit(mona.id, BigDecimal("150"), PaymentMethod.CASH, at = at(10))
            desk.payIn(BigDecimal("50"), "change", at = at(10, 30))
            desk.payOut(BigDecimal("20"), "milk", at = at(11))
            val closed = desk.closeShift(BigDecimal("375"), at = at(12))
            assertEquals(egp("380"), closed.expectedCash)
            assertEquals(egp("-5"), closed.overShort)
            assertEquals(listOf(DrawerEntryKind.DEPOSIT, DrawerEntryKind.PAY_IN, DrawerEntryKind.PAY_OUT), closed.entries.map { it.kind })
            assertEquals(closed, desk.shiftReport(shift.id))
            assertNull(desk.currentShift())
        }
}
