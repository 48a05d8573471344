-- CreateEnum
CREATE TYPE "UnspentPolicy" AS ENUM ('RETURN_TO_MUNICIPALITY', 'CARRY_OVER_PER_AREA');

-- AlterTable
ALTER TABLE "Allocation" ADD COLUMN     "inhabitantsYear" INTEGER,
ADD COLUMN     "priorityWeightMilli" INTEGER,
ADD COLUMN     "scenarioId" TEXT,
ADD COLUMN     "unspentPolicy" "UnspentPolicy" NOT NULL DEFAULT 'RETURN_TO_MUNICIPALITY';

-- AlterTable
ALTER TABLE "AllocationLine" ADD COLUMN     "bound" TEXT,
ADD COLUMN     "capCents" BIGINT,
ADD COLUMN     "floorCents" BIGINT,
ADD COLUMN     "shareExact" TEXT;

-- CreateTable
CREATE TABLE "AreaPopulation" (
    "areaId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "inhabitants" INTEGER NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AreaPopulation_pkey" PRIMARY KEY ("areaId","year")
);

-- CreateTable
CREATE TABLE "AllocationScenario" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "potCents" BIGINT NOT NULL,
    "fixedAllowanceCents" BIGINT NOT NULL,
    "priorityWeightMilli" INTEGER NOT NULL,
    "inhabitantsYear" INTEGER NOT NULL,
    "unspentPolicy" "UnspentPolicy" NOT NULL DEFAULT 'RETURN_TO_MUNICIPALITY',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AllocationScenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScenarioArea" (
    "scenarioId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "weightMilli" INTEGER,
    "floorCents" BIGINT,
    "capCents" BIGINT,

    CONSTRAINT "ScenarioArea_pkey" PRIMARY KEY ("scenarioId","areaId")
);

-- CreateIndex
CREATE INDEX "AreaPopulation_year_idx" ON "AreaPopulation"("year");

-- CreateIndex
CREATE UNIQUE INDEX "AllocationScenario_roundId_name_key" ON "AllocationScenario"("roundId", "name");

-- CreateIndex
CREATE INDEX "ScenarioArea_areaId_idx" ON "ScenarioArea"("areaId");

-- CreateIndex
CREATE INDEX "Allocation_scenarioId_idx" ON "Allocation"("scenarioId");

-- AddForeignKey
ALTER TABLE "AreaPopulation" ADD CONSTRAINT "AreaPopulation_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "AllocationScenario"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AllocationScenario" ADD CONSTRAINT "AllocationScenario_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "BudgetRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScenarioArea" ADD CONSTRAINT "ScenarioArea_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "AllocationScenario"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScenarioArea" ADD CONSTRAINT "ScenarioArea_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
