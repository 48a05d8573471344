-- AlterTable
ALTER TABLE "RoundClosing" ADD COLUMN     "reason" TEXT NOT NULL DEFAULT '';
